public import CustomsCore

extension BatchReport {
    /// `validate --format json` (`SPEC.md`): files with their declarations and findings,
    /// cross-declaration findings, and the summary.
    public var json: JSONValue {
        let files: [JSONValue] = self.files.map { file in
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
        var summary = JSONObjectBuilder()
        summary.add("files", self.files.count)
        summary.add("declarations", self.files.reduce(0) { $0 + $1.declarations.count })
        summary.add("errors", count(.error))
        summary.add("warnings", count(.warning))
        summary.add("infos", count(.info))
        return .object([
            ("files", .array(files)),
            ("findings", .array(crossFindings.map(\.json))),
            ("summary", summary.value),
        ])
    }
}
