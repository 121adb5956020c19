public import CustomsCore

extension BatchReport {
    /// `validate --format json` (`SPEC.md`): files with their declarations and findings,
    /// cross-declaration findings, and the summary.
    public var json: JSONValue {
        .object([
            ("files", .array(files.map(fileJSON))),
            ("findings", .array(crossFindings.map(\.json))),
            ("summary", summaryJSON),
        ])
    }

    /// The same text as `json.serialized()`, handed to `write` one file at a time, so the
    /// output of a batch is never one string in memory.
    public func writeJSON(_ write: (String) -> Void) {
        var chunk = "{\n  \"files\": "
        if files.isEmpty {
            chunk += "[]"
        } else {
            chunk += "["
            for (index, file) in files.enumerated() {
                chunk += index == 0 ? "\n    " : ",\n    "
                fileJSON(file).appendPretty(to: &chunk, indent: 2)
                write(chunk)
                chunk = ""
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

    private func fileJSON(_ file: FileResult) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("file", file.file)
        object.add("format", file.format.map(JSONValue.string) ?? .null)
        let isValid = file.validity(strict: strict)
        object.add("declarations", .array(file.declarations.map { declaration in
            var member = JSONObjectBuilder()
            member.add("id", declaration.id)
            member.add("key", declaration.key)
            member.add("valid", JSONValue.bool(isValid(declaration)))
            return member.value
        }))
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
