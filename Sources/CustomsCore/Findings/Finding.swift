/// One problem found in a file, a declaration or a pair of declarations.
///
/// Findings are collected, never thrown: one bad file or declaration never stops a batch.
/// The shape follows `SPEC.md` ("Findings"): a stable `rule` code from ``RuleCatalogue``,
/// a `severity`, a `message` that names the value found and what was expected, and a location:
/// `line`/`column` for XML, `row`/`column` for CSV (the column by header name), the `field`
/// path in the shared declaration (`goodsItems[2].grossMassKg`), the `declaration` key and,
/// for findings about two declarations, the `counterpart` key.
public struct Finding: Sendable, Hashable {
    public var rule: String
    public var severity: Severity
    public var message: String
    public var file: String?
    public var line: Int?
    /// XML: 1-based column number; CSV: the header name of the column.
    public var column: FindingColumn?
    public var row: Int?
    public var field: String?
    public var declaration: String?
    public var counterpart: String?

    public init(
        rule: String, severity: Severity? = nil, message: String,
        file: String? = nil, line: Int? = nil, column: FindingColumn? = nil, row: Int? = nil,
        field: String? = nil, declaration: String? = nil, counterpart: String? = nil
    ) {
        self.rule = rule
        self.severity = severity ?? RuleCatalogue.defaultSeverity(of: rule)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.row = row
        self.field = field
        self.declaration = declaration
        self.counterpart = counterpart
    }
}

/// A finding's column: a number in XML, a header name in CSV.
public enum FindingColumn: Sendable, Hashable {
    case number(Int)
    case name(String)
}
