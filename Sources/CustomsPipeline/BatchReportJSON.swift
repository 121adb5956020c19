public import CustomsCore
import Dispatch

extension BatchReport {
    /// `validate --format json` (`SPEC.md`): files with their declarations and findings,
    /// cross-declaration findings, and the summary.
    public var json: JSONValue {
        .object([
            ("files", .array(files.indices.map { fileJSON(files[$0], index: $0) })),
            ("findings", .array(crossFindings.map(\.json))),
            ("summary", summaryJSON),
        ])
    }

    /// The same text as `json.serialized()`, handed to `write` in pieces of UTF-8 (what is held
    /// up to about 1 MiB, and each block of files as it was written), so the output of a batch
    /// — or of one file with a million findings — is never one text or one JSON tree in
    /// memory. Files are written out on every core in blocks of about
    /// ``itemsPerBlock`` declarations and findings, a round of blocks at a time, and handed over
    /// in order; a file of more is written alone, piece by piece.
    public func writeJSON(_ write: (JSONText) -> Void) {
        var chunk = JSONText()
        chunk.append("{\n  \"files\": ")
        if files.isEmpty {
            chunk.append("[]")
        } else {
            chunk.append("[")
            var start = 0
            while start < files.count {
                let blocks = round(from: start)
                guard !blocks.isEmpty else {
                    // `write` is held only while this file is written.
                    withoutActuallyEscaping(write) { writeFile(at: start, into: &chunk, write: $0) }
                    Self.flush(&chunk, write)
                    start += 1
                    continue
                }
                let texts = LockedValue([JSONText](repeating: JSONText(), count: blocks.count))
                DispatchQueue.concurrentPerform(iterations: blocks.count) { block in
                    var text = JSONText()
                    for index in blocks[block] { writeFile(at: index, into: &text, write: nil) }
                    texts.withLock { $0[block] = text }
                }
                // Each block's text goes out as it is, after what is held before it.
                if chunk.count > 0 {
                    write(chunk)
                    chunk.removeAll()
                }
                for text in texts.withLock({ $0 }) { write(text) }
                start = blocks.last!.upperBound
            }
            chunk.append("\n  ]")
        }
        chunk.append(",\n  \"findings\": ")
        JSONValue.array(crossFindings.map(\.json)).appendPretty(to: &chunk, indent: 1)
        chunk.append(",\n  \"summary\": ")
        summaryJSON.appendPretty(to: &chunk, indent: 1)
        chunk.append("\n}")
        write(chunk)
    }

    /// Declarations and findings (and one per file) written out together by one thread.
    static let itemsPerBlock = 1024

    /// The blocks of files from `start` written out in one round: none when the file at `start`
    /// alone holds more than a block.
    private func round(from start: Int) -> [Range<Int>] {
        var blocks: [Range<Int>] = []
        var blockStart = start
        var items = 0
        var index = start
        while index < files.count && blocks.count < Self.blocksPerRound {
            let weight = 1 + files[index].declarations.count + files[index].findings.count
            if weight > Self.itemsPerBlock { break }
            if items + weight > Self.itemsPerBlock {
                blocks.append(blockStart..<index)
                blockStart = index
                items = 0
                continue
            }
            items += weight
            index += 1
        }
        if blocks.count < Self.blocksPerRound && index > blockStart { blocks.append(blockStart..<index) }
        return blocks
    }

    /// One member of the `files` array (indent 2), its declarations and findings handed to
    /// `write` as they grow, when given (by index: a copy of a file's result retains all it holds).
    private func writeFile(at index: Int, into chunk: inout JSONText, write: ((JSONText) -> Void)?) {
        chunk.append(index == 0 ? "\n    {" : ",\n    {")
        chunk.append("\n      \"file\": ")
        chunk.appendString(files[index].file)
        chunk.append(",\n      \"format\": ")
        if let format = files[index].format { chunk.appendString(format) } else { chunk.append("null") }
        chunk.append(",\n      \"declarations\": ")
        writeDeclarations(files[index].declarations, valid: identityValidity(ofFileAt: index), into: &chunk, write: write)
        chunk.append(",\n      \"findings\": ")
        writeFindings(files[index].findings, into: &chunk, write: write)
        chunk.append("\n    }")
    }

    /// The `findings` member of a file object (indent 3), finding by finding.
    private func writeFindings(_ findings: [Finding], into chunk: inout JSONText, write: ((JSONText) -> Void)?) {
        guard !findings.isEmpty else {
            chunk.append("[]")
            return
        }
        chunk.append("[")
        for index in findings.indices {
            chunk.append(index == 0 ? "\n        " : ",\n        ")
            findings[index].appendPrettyJSON(to: &chunk, indent: 4)
            if let write, index % Self.findingsPerPiece == Self.findingsPerPiece - 1 { Self.flush(&chunk, write) }
        }
        chunk.append("\n      ]")
    }

    /// Findings written between two looks at the size of the text.
    static let findingsPerPiece = 256

    /// The `declarations` member of a file object (indent 3): the same text as the array of
    /// ``declarationJSON(_:valid:)``, written straight into the chunk (a file may list hundreds of
    /// thousands). A file of more than one block of declarations has its blocks read and written
    /// out on every core, a round at a time, and handed over in order to `write`, when given.
    private func writeDeclarations(
        _ declarations: DeclarationList, valid isValid: @escaping @Sendable (_ key: String, _ sourceFormat: String) -> Bool,
        into chunk: inout JSONText, write: ((JSONText) -> Void)?
    ) {
        guard !declarations.isEmpty else {
            chunk.append("[]")
            return
        }
        chunk.append("[")
        let count = declarations.count
        let block = Self.declarationsPerBlock
        guard let write, count > block else {
            Self.appendDeclarations(declarations, at: 0..<count, valid: isValid, to: &chunk)
            chunk.append("\n      ]")
            return
        }
        var start = 0
        while start < count {
            let blocks = stride(from: start, to: min(count, start + block * Self.blocksPerRound), by: block).map { $0..<min($0 + block, count) }
            let texts = LockedValue([JSONText](repeating: JSONText(), count: blocks.count))
            DispatchQueue.concurrentPerform(iterations: blocks.count) { index in
                var text = JSONText()
                Self.appendDeclarations(declarations, at: blocks[index], valid: isValid, to: &text)
                texts.withLock { $0[index] = text }
            }
            for text in texts.withLock({ $0 }) {
                chunk.append(text)
                Self.flush(&chunk, write)
            }
            start = blocks.last!.upperBound
        }
        chunk.append("\n      ]")
    }

    /// The declarations at `positions`, each after its separator (a spilled file is read in blocks).
    private static func appendDeclarations(
        _ declarations: DeclarationList, at positions: Range<Int>, valid isValid: (_ key: String, _ sourceFormat: String) -> Bool,
        to text: inout JSONText
    ) {
        // A spilled file is read in blocks, each declaration's identity only.
        declarations.forEachIdentity(at: positions) { position, identity in
            text.append(position == 0 ? "\n        " : ",\n        ")
            appendDeclaration(identity, valid: isValid(identity.key, identity.sourceFormat), to: &text)
        }
    }

    /// Declarations written out together by one thread, and blocks in a round (what is held at once).
    static let declarationsPerBlock = 4096
    static let blocksPerRound = 8

    /// ``declarationJSON(_:valid:)`` pretty-printed at indent 4, without building it.
    static func appendDeclaration(_ declaration: DeclarationIdentity, valid: Bool, to chunk: inout JSONText) {
        chunk.append("{")
        if let id = declaration.id {
            chunk.append("\n          \"id\": ")
            chunk.appendString(id)
            chunk.append(",")
        }
        chunk.append("\n          \"key\": ")
        chunk.appendString(declaration.key)
        chunk.append(valid ? ",\n          \"valid\": true\n        }" : ",\n          \"valid\": false\n        }")
    }

    /// Hands the text over once it reaches about 1 MiB, then writes on in the same room.
    private static func flush(_ chunk: inout JSONText, _ write: (JSONText) -> Void) {
        guard chunk.count >= 1 << 20 else { return }
        write(chunk)
        chunk.removeAll()
    }

    static func declarationJSON(_ declaration: Declaration, valid: Bool) -> JSONValue {
        var member = JSONObjectBuilder()
        member.add("id", declaration.id)
        member.add("key", declaration.key)
        member.add("valid", JSONValue.bool(valid))
        return member.value
    }

    private func fileJSON(_ file: FileResult, index: Int) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("file", file.file)
        object.add("format", file.format.map(JSONValue.string) ?? .null)
        let isValid = validity(ofFileAt: index)
        object.add("declarations", .array(file.declarations.map { Self.declarationJSON($0, valid: isValid($0)) }))
        object.add("findings", .array(file.findings.map(\.json)))
        return object.value
    }

    private var summaryJSON: JSONValue {
        var summary = JSONObjectBuilder()
        summary.add("files", files.count)
        summary.add("declarations", files.reduce(0) { $0 + $1.declarations.count })
        summary.add("errors", count(.error))
        summary.add("warnings", count(.warning))
        summary.add("infos", count(.info))
        return summary.value
    }
}
