/// Collects findings for one unit of work (a file, a declaration) and fills in the location
/// context that the caller already knows (file, declaration key).
public struct FindingCollector: Sendable {
    public private(set) var findings: [Finding] = []
    public var file: String?

    public init(file: String? = nil) {
        self.file = file
    }

    public mutating func add(_ finding: Finding) {
        var finding = finding
        if finding.file == nil { finding.file = file }
        findings.append(finding)
    }

    public mutating func add(
        _ rule: String, _ message: String, line: Int? = nil, column: Int? = nil,
        field: String? = nil, declaration: String? = nil, severity: Severity? = nil
    ) {
        add(Finding(
            rule: rule, severity: severity, message: message, file: file, line: line,
            column: column.map(FindingColumn.number), field: field, declaration: declaration))
    }

    public mutating func append(contentsOf other: [Finding]) {
        for finding in other { add(finding) }
    }

    public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}
