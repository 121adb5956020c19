public import CustomsCore
public import CustomsReconcile

extension Reconciliation {
    /// `reconcile --format json` (`SPEC.md`, "Reconcile output").
    public var json: JSONValue {
        .object([
            ("pairs", .array(pairs.map { pair in
                .object([
                    ("export", .string(pair.export.id ?? pair.export.key)),
                    ("counterpart", .string(pair.counterpart.id ?? pair.counterpart.key)),
                    ("matchedBy", .array(pair.matchedBy.map(JSONValue.string))),
                    ("findings", .array(pair.findings.map(\.json))),
                ])
            })),
            ("unmatched", .array(unmatched.map { .string($0.id ?? $0.key) })),
            ("findings", .array(unmatchedFindings.map(\.json))),
        ])
    }

    /// The text form: one line per pair, its findings indented under it, then the unmatched exports.
    public var text: String {
        var lines: [String] = []
        for pair in pairs {
            lines.append("export \(pair.export.id ?? pair.export.key) (\(pair.export.declaringCountry ?? "?")) ↔ \(pair.counterpart.direction?.rawValue ?? "counterpart") \(pair.counterpart.id ?? pair.counterpart.key) (\(pair.counterpart.declaringCountry ?? "?")), matched by \(pair.matchedBy.joined(separator: ", "))")
            for finding in pair.findings { lines.append("  \(finding.severity.rawValue): \(finding.message) [\(finding.rule)]") }
        }
        for finding in unmatchedFindings { lines.append(finding.textLine) }
        let rest = unmatched.count - unmatchedFindings.count
        let undated = unmatched.filter { $0.lodgedOn == nil }.count
        if rest - undated > 0 {
            lines.append("\(rest - undated) export\(rest - undated == 1 ? "" : "s") without counterpart yet (within the waiting period)")
        }
        if undated > 0 {
            lines.append("\(undated) export\(undated == 1 ? "" : "s") without counterpart and without a lodgement date: the waiting period cannot be counted")
        }
        lines.append("\(pairs.count) pair\(pairs.count == 1 ? "" : "s"), \(unmatched.count) unmatched export\(unmatched.count == 1 ? "" : "s"), \(mirrorFindings.count) mirror finding\(mirrorFindings.count == 1 ? "" : "s")")
        return lines.joined(separator: "\n") + "\n"
    }
}
