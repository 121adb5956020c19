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
    /// or one JSON tree in memory.
    public func writeJSON(_ write: (String) -> Void) {
        var chunk = "{\n  \"files\": "
        if files.isEmpty {
            chunk += "[]"
        } else {
            chunk += "["
            // By index: each member is read where it lies (a copy of a file's result retains all it holds).
            for index in files.indices {
                chunk += index == 0 ? "\n    {" : ",\n    {"
                chunk += "\n      \"file\": "
                JSONValue.string(files[index].file).appendPretty(to: &chunk, indent: 3)
                chunk += ",\n      \"format\": "
                (files[index].format.map(JSONValue.string) ?? .null).appendPretty(to: &chunk, indent: 3)
                chunk += ",\n      \"declarations\": "
                writeDeclarations(files[index].declarations, valid: validity(ofFileAt: index), into: &chunk, write: write)
                chunk += ",\n      \"findings\": "
                writeArray(files[index].findings, into: &chunk, write: write) { $0.json }
                chunk += "\n    }"
                Self.flush(&chunk, write)
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

    /// An array member of a file object (indent 3), element by element.
    private func writeArray<Elements: Collection>(
        _ elements: Elements, into chunk: inout String, write: (String) -> Void, _ json: (Elements.Element) -> JSONValue
    ) {
        guard !elements.isEmpty else {
            chunk += "[]"
            return
        }
        chunk += "["
        for (index, element) in elements.enumerated() {
            chunk += index == 0 ? "\n        " : ",\n        "
            json(element).appendPretty(to: &chunk, indent: 4)
            if index % 256 == 255 { Self.flush(&chunk, write) }
        }
        chunk += "\n      ]"
    }

    /// The `declarations` member of a file object (indent 3): the same text as
    /// ``writeArray(_:into:write:_:)`` of ``declarationJSON(_:valid:)``, written straight into the
    /// chunk (a file may list hundreds of thousands). A file of more than one block of
    /// declarations has its blocks read and written out on every core, a round at a time, and
    /// handed over in order.
    private func writeDeclarations(
        _ declarations: DeclarationList, valid isValid: @escaping @Sendable (Declaration) -> Bool,
        into chunk: inout String, write: (String) -> Void
    ) {
        guard !declarations.isEmpty else {
            chunk += "[]"
            return
        }
        chunk += "["
        let count = declarations.count
        let block = Self.declarationsPerBlock
        var start = 0
        while start < count {
            let blocks = stride(from: start, to: min(count, start + block * Self.blocksPerRound), by: block).map { $0..<min($0 + block, count) }
            let texts = LockedValue([String](repeating: "", count: blocks.count))
            DispatchQueue.concurrentPerform(iterations: blocks.count) { index in
                var text = ""
                // A spilled file is read in blocks, only the id and key of each declaration decoded.
                declarations.forEachListing(at: blocks[index]) { position, declaration in
                    text += position == 0 ? "\n        " : ",\n        "
                    Self.appendDeclaration(declaration, valid: isValid(declaration), to: &text)
                }
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

    /// Declarations written out together by one thread, and blocks in a round (what is held at once).
    static let declarationsPerBlock = 4096
    static let blocksPerRound = 8

    /// ``declarationJSON(_:valid:)`` pretty-printed at indent 4, without building it.
    static func appendDeclaration(_ declaration: Declaration, valid: Bool, to chunk: inout String) {
        chunk += "{"
        if let id = declaration.id {
            chunk += "\n          \"id\": "
            JSONValue.string(id).appendPretty(to: &chunk, indent: 5)
            chunk += ","
        }
        chunk += "\n          \"key\": "
        JSONValue.string(declaration.key).appendPretty(to: &chunk, indent: 5)
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
