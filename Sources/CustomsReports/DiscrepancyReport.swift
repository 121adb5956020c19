public import CustomsCore
public import CustomsReconcile

/// A discrepancy report: the summary, the mirror pairs with their values side by side, the
/// findings grouped by rule and the clearance times per border crossing. Built by
/// ``ReportBuilder``, rendered by ``ReportFormat``'s renderers; its order is stable, so the same
/// input always gives the same bytes.
public struct DiscrepancyReport: Sendable {
    public var summary: ReportSummary
    /// The tolerances the mirror checks applied (stated in every format).
    public var tolerances: ReconcileSettings
    public var pairs: [PairEntry]
    /// Exports without counterpart yet.
    public var unmatched: [DeclarationReference]
    /// Every finding, grouped by rule: layers in the order they run, codes alphabetically within.
    public var ruleGroups: [RuleGroup]
    /// Every declaration read, for linking findings to their declaration.
    public var declarations: [DeclarationReference]
    public var clearance: [ClearanceSeries]

    /// The declaration a finding names, if it names one read in this report.
    public func declaration(of finding: Finding) -> DeclarationReference? {
        guard let key = finding.declaration else { return nil }
        return declarationIndex[DeclarationReference.lookupKey(file: finding.file, key: key)]
            .map { declarations[$0] }
    }

    /// The pair whose findings include `finding` (mirror findings), by position in ``pairs``.
    public func pairIndex(of finding: Finding) -> Int? { pairIndexByFinding[finding] }

    var declarationIndex: [String: Int] = [:]
    var pairIndexByFinding: [Finding: Int] = [:]
}

/// A declaration as a report names it: enough to find it again.
public struct DeclarationReference: Sendable, Hashable {
    /// Position in ``DiscrepancyReport/declarations``, or -1 for a declaration known only from the store.
    public var index: Int
    public var id: String?
    public var key: String
    public var file: String
    public var line: Int?
    public var row: Int?
    public var direction: String?
    public var declaringCountry: String?
    public var borderCrossing: String?
    public var exporterName: String?
    public var importerName: String?

    init(_ declaration: Declaration, index: Int) {
        self.index = index
        id = declaration.id
        key = declaration.key
        file = declaration.source.file
        line = declaration.source.line
        row = declaration.source.row
        direction = declaration.direction?.rawValue
        declaringCountry = declaration.declaringCountry
        borderCrossing = declaration.borderCrossing
        exporterName = declaration.exporter?.name
        importerName = declaration.importer?.name
    }

    /// The declaration's number as filed, else its key.
    public var label: String { id ?? key }

    static func lookupKey(file: String?, key: String) -> String { (file ?? "") + "\u{0}" + key }
}

/// An export and its counterpart, with every measure compared and the findings of their consignment.
public struct PairEntry: Sendable {
    public var export: DeclarationReference
    public var counterpart: DeclarationReference
    public var matchedBy: [String]
    public var differences: [MirrorDifference]
    public var findings: [Finding]

    /// True when some measure is beyond its tolerance.
    public var hasDiscrepancy: Bool { !findings.isEmpty }
}
