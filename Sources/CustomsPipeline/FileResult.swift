public import CustomsCore

/// What the pipeline made of one file: its format, its shared declarations and every finding.
public struct FileResult: Sendable {
    /// The path as given or found (used in findings).
    public var file: String
    /// `cn-dec`, `cbd-xml`, ...; `nil` when the format is unknown or the file unreadable.
    public var format: String?
    public var messageType: String?
    /// Hex SHA-256 of the file's bytes; `nil` when it could not be read.
    public var sha256: String?
    public var size: Int?
    public var declarations: [Declaration]
    public var findings: [Finding]

    public init(file: String) {
        self.file = file
        declarations = []
        findings = []
    }

    /// A declaration is valid when no error-severity finding names it, and the file has none.
    public func isValid(_ declaration: Declaration, strict: Bool = false) -> Bool {
        let threshold: Severity = strict ? .warning : .error
        return !findings.contains { $0.severity >= threshold && ($0.declaration == nil || $0.declaration == declaration.key) }
    }
}
