public import CustomsCore

/// The numbers at the top of a report.
public struct ReportSummary: Sendable, Hashable {
    /// Findings of one validation layer, by severity.
    public struct LayerCount: Sendable, Hashable {
        /// A ``RuleLayer`` raw value, or `other` for a code outside the catalogue.
        public var layer: String
        public var errors = 0
        public var warnings = 0
        public var infos = 0

        public var total: Int { errors + warnings + infos }

        mutating func add(_ severity: Severity) {
            switch severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
        }
    }

    public var files: Int
    /// Declarations read from the files.
    public var declarations: Int
    /// Declarations reconciled (with `--db`, everything stored).
    public var reconciledDeclarations: Int
    public var pairs: Int
    public var pairsWithDiscrepancies: Int
    public var unmatched: Int
    /// One entry per layer, in the order the layers run; layers without findings included.
    public var layers: [LayerCount]

    public var errors: Int { layers.reduce(0) { $0 + $1.errors } }
    public var warnings: Int { layers.reduce(0) { $0 + $1.warnings } }
    public var infos: Int { layers.reduce(0) { $0 + $1.infos } }
}

/// Every finding of one rule.
public struct RuleGroup: Sendable {
    public var rule: String
    /// A ``RuleLayer`` raw value, or `other`.
    public var layer: String
    /// The catalogue's one-line description; `nil` for a code outside the catalogue.
    public var description: String?
    /// The findings in the order they were reported (file order, then cross-declaration findings).
    public var findings: [Finding]

    /// The highest severity among the findings.
    public var severity: Severity { findings.map(\.severity).max() ?? .info }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}
