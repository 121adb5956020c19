public import CustomsCore

/// A validation rule over one harmonized ``Declaration``: a small plug-in that declares the
/// catalogue codes it can report and the layer it belongs to, in the manner of frictionless-py's
/// checks and the KoSIT validator's configurable scenarios (STYLE.md).
///
/// A rule never throws and never changes the declaration: it returns findings whose message
/// names the field path, the value found and what was expected, located at the goods item's line
/// (or row) or the declaration's start. Severities are the catalogue's defaults; the
/// ``RuleConfiguration`` decides what is reported and how seriously ("accepted" vs "valid").
public protocol DeclarationRule: Sendable {
    /// The ``RuleCatalogue`` codes this rule can report.
    var codes: [String] { get }
    /// The validation layer the rule runs in.
    var layer: RuleLayer { get }
    /// The standard, regulation or dataset the rule applies (for the documentation).
    var source: String { get }
    /// The findings about `declaration`.
    func check(_ declaration: Declaration, in context: RuleContext) -> [Finding]
}

extension DeclarationRule {
    /// The catalogue entries of ``codes``: default severity and one-line description of each.
    public var reports: [RuleDescriptor] { codes.compactMap(RuleCatalogue.descriptor) }
}

/// What a rule may consult besides the declaration: the code lists of `Schemas/` (with the
/// lookup tables made from them) and the tolerances of the rules configuration in force.
///
/// Made once for a batch (``CodeListTables`` are built here) and shared by its threads.
public struct RuleContext: Sendable {
    public let tables: CodeListTables
    public var tolerances: Tolerances

    public var codeLists: CodeLists { tables.codeLists }

    /// Makes the code lists' tables: once per batch, not per declaration.
    public init(codeLists: CodeLists, tolerances: Tolerances = Tolerances()) {
        self.init(tables: CodeListTables(codeLists), tolerances: tolerances)
    }

    public init(tables: CodeListTables, tolerances: Tolerances = Tolerances()) {
        self.tables = tables
        self.tolerances = tolerances
    }
}
