public import CustomsCore
public import Foundation

/// One measure compared between the two sides of a consignment: the values each side declares,
/// their relative difference and the tolerance applied, so reports can show them side by side
/// without reading messages.
///
/// Every comparison the mirror checks make is recorded, within tolerance or not; the ones beyond
/// it carry the finding they produced.
public struct MirrorDifference: Sendable, Hashable {
    /// A value as one side declares it: an exact number or a code (HS subheading, containers).
    public enum Value: Sendable, Hashable {
        case number(Decimal)
        case text(String)
    }

    /// The rule a difference beyond tolerance is reported under: `mirror.mass`, `mirror.hs`, ...
    public var rule: String
    /// What is compared, for people: `gross mass`, `packages`, `value`, `HS 843149 quantity`, ...
    public var measure: String
    /// `kg`, a currency, a UN/ECE Rec 20 unit; `nil` for counts and codes.
    public var unit: String?
    public var export: Value
    public var counterpart: Value
    /// `|a − b| / max(|a|, |b|)` for numbers; `nil` for codes (they must agree).
    public var relativeDifference: Decimal?
    /// The tolerance applied to ``relativeDifference``; `nil` for codes.
    public var tolerance: Decimal?
    /// The path in the shared declaration, when one field is compared.
    public var field: String?
    /// The finding this difference produced; `nil` when the sides agree within the tolerance.
    public var finding: Finding?

    public init(
        rule: String, measure: String, unit: String? = nil, export: Value, counterpart: Value,
        relativeDifference: Decimal? = nil, tolerance: Decimal? = nil, field: String? = nil, finding: Finding? = nil
    ) {
        self.rule = rule
        self.measure = measure
        self.unit = unit
        self.export = export
        self.counterpart = counterpart
        self.relativeDifference = relativeDifference
        self.tolerance = tolerance
        self.field = field
        self.finding = finding
    }

    /// True when the sides differ beyond the tolerance (or, for codes, differ at all).
    public var exceedsTolerance: Bool { finding != nil }
}
