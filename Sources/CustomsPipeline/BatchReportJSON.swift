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

    /// The same text as `json.serialized()`, handed to `write` in pieces of about 1 MiB, so
    /// the output of a batch — or of one file with a million findings — is never one string
    /// or one JSON tree in memory. Files are written out on every core in blocks of about
    /// ``itemsPerBlock`` declarations and findings, a round of blocks at a time, and handed over
    /// in order; a file of more is written alone, piece by piece.
    public func writeJSON(_ write: (String) -> Void) {
        var chunk = "{\n  \"files\": "
        if files.isEmpty {
            chunk += "[]"
        } else {
            chunk += "["
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
                let texts = LockedValue([String](repeating: "", count: blocks.count))
                DispatchQueue.concurrentPerform(iterations: blocks.count) { block in
                    var text = ""
                    for index in blocks[block] { writeFile(at: index, into: &text, write: nil) }
                    texts.withLock { $0[block] = text }
                }
                for text in texts.withLock({ $0 }) {
                    chunk += text
                    Self.flush(&chunk, write)
                }
                start = blocks.last!.upperBound
            }
            chunk += "\n  ]"
        }
        chunk += ",\n  \"findings\": "
        JSONValue.array(crossFindings.map(\.json)).appendPretty(to: &chunk, indent: 1)
        chunk += ",\n  \"summary\": "
        summaryJSON.appendPretty(to: &chunk, indent: 1)
        chunk += "\n}"
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
    private func writeFile(at index: Int, into chunk: inout String, write: ((String) -> Void)?) {
        chunk += index == 0 ? "\n    {" : ",\n    {"
        chunk += "\n      \"file\": "
        JSONValue.appendString(files[index].file, to: &chunk)
        chunk += ",\n      \"format\": "
        if let format = files[index].format { JSONValue.appendString(format, to: &chunk) } else { chunk += "null" }
        chunk += ",\n      \"declarations\": "
        writeDeclarations(files[index].declarations, valid: identityValidity(ofFileAt: index), into: &chunk, write: write)
        chunk += ",\n      \"findings\": "
        writeFindings(files[index].findings, into: &chunk, write: write)
        chunk += "\n    }"
    }

    /// The `findings` member of a file object (indent 3), finding by finding.
    private func writeFindings(_ findings: [Finding], into chunk: inout String, write: ((String) -> Void)?) {
        guard !findings.isEmpty else {
            chunk += "[]"
            return
        }
        chunk += "["
        for index in findings.indices {
            chunk += index == 0 ? "\n        " : ",\n        "
            findings[index].appendPrettyJSON(to: &chunk, indent: 4)
            if let write, index % Self.findingsPerPiece == Self.findingsPerPiece - 1 { Self.flush(&chunk, write) }
        }
        chunk += "\n      ]"
    }

    /// Findings written between two looks at the size of the text.
    static let findingsPerPiece = 256

    /// The `declarations` member of a file object (indent 3): the same text as the array of
    /// ``declarationJSON(_:valid:)``, written straight into the chunk (a file may list hundreds of
    /// thousands). A file of more than one block of declarations has its blocks read and written
    /// out on every core, a round at a time, and handed over in order to `write`, when given.
    private func writeDeclarations(
        _ declarations: DeclarationList, valid isValid: @escaping @Sendable (_ key: String, _ sourceFormat: String) -> Bool,
        into chunk: inout String, write: ((String) -> Void)?
    ) {
        guard !declarations.isEmpty else {
            chunk += "[]"
            return
        }
        chunk += "["
        let count = declarations.count
        let block = Self.declarationsPerBlock
        guard let write, count > block else {
            Self.appendDeclarations(declarations, at: 0..<count, valid: isValid, to: &chunk)
            chunk += "\n      ]"
            return
        }
        var start = 0
        while start < count {
            let blocks = stride(from: start, to: min(count, start + block * Self.blocksPerRound), by: block).map { $0..<min($0 + block, count) }
            let texts = LockedValue([String](repeating: "", count: blocks.count))
            DispatchQueue.concurrentPerform(iterations: blocks.count) { index in
                var text = ""
                Self.appendDeclarations(declarations, at: blocks[index], valid: isValid, to: &text)
                texts.withLock { $0[index] = text }
            }
            for text in texts.withLock({ $0 }) {
                chunk += text
                Self.flush(&chunk, write)
            }
            start = blocks.last!.upperBound
        }
        chunk += "\n      ]"
    }

    /// The declarations at `positions`, each after its separator (a spilled file is read in blocks).
    private static func appendDeclarations(
        _ declarations: DeclarationList, at positions: Range<Int>, valid isValid: (_ key: String, _ sourceFormat: String) -> Bool,
        to text: inout String
    ) {
        // A spilled file is read in blocks, each declaration's identity only.
        declarations.forEachIdentity(at: positions) { position, identity in
            text += position == 0 ? "\n        " : ",\n        "
            appendDeclaration(identity, valid: isValid(identity.key, identity.sourceFormat), to: &text)
        }
    }

    /// Declarations written out together by one thread, and blocks in a round (what is held at once).
    static let declarationsPerBlock = 4096
    static let blocksPerRound = 8

    /// ``declarationJSON(_:valid:)`` pretty-printed at indent 4, without building it.
    static func appendDeclaration(_ declaration: DeclarationIdentity, valid: Bool, to chunk: inout String) {
        chunk += "{"
        if let id = declaration.id {
            chunk += "\n          \"id\": "
            JSONValue.appendString(id, to: &chunk)
            chunk += ","
        }
        chunk += "\n          \"key\": "
        JSONValue.appendString(declaration.key, to: &chunk)
        chunk += valid ? ",\n          \"valid\": true\n        }" : ",\n          \"valid\": false\n        }"
    }

    /// Hands the text over once it reaches about 1 MiB.
    private static func flush(_ chunk: inout String, _ write: (String) -> Void) {
        guard chunk.utf8.count >= 1 << 20 else { return }
        write(chunk)
        chunk = ""
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
