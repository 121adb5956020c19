public import CustomsCore
public import CustomsReconcile

/// What a discrepancy report is built from: the files read, the findings, the reconciliation
/// and the tolerances it used. The command line fills it from the pipeline's results.
public struct ReportInput: Sendable {
    /// One file of the batch: its path as given, its format and what was read from it.
    public struct File: Sendable {
        public var path: String
        public var format: String?
        public var declarations: [Declaration]
        public var findings: [Finding]

        public init(path: String, format: String?, declarations: [Declaration], findings: [Finding]) {
            self.path = path
            self.format = format
            self.declarations = declarations
            self.findings = findings
        }
    }

    public var files: [File]
    /// Findings about two declarations or none of one file: `mirror.*`, a cross-file `findings.capped`.
    public var crossFindings: [Finding]
    public var reconciliation: Reconciliation
    /// The declarations reconciled (the batch's, or the store's with `--db`); clearance times are
    /// computed over them.
    public var reconciledDeclarations: [Declaration]
    public var settings: ReconcileSettings
    /// Clearance times per border crossing; `nil` computes them from the declarations' events
    /// (``EventClearance``) until the timing stage provides them.
    public var clearance: [ClearanceSeries]?

    public init(
        files: [File], crossFindings: [Finding], reconciliation: Reconciliation, reconciledDeclarations: [Declaration],
        settings: ReconcileSettings, clearance: [ClearanceSeries]? = nil
    ) {
        self.files = files
        self.crossFindings = crossFindings
        self.reconciliation = reconciliation
        self.reconciledDeclarations = reconciledDeclarations
        self.settings = settings
        self.clearance = clearance
    }
}
