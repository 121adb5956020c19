public import Foundation

/// Tolerances of the mirror checks (`SPEC.md`: relative differences `|a − b| / max(|a|, |b|)`).
///
/// No published tolerance exists for consignment-level mirror statistics (DOMAIN.md, "Mirror
/// discrepancies"): these defaults are configuration, stated in every message.
public struct ReconcileSettings: Sendable, Hashable {
    /// Gross and net mass: weighing on two sides of a border differs (default 2%).
    public var massTolerance: Decimal = Decimal(string: "0.02")!
    /// Quantities in the same UN/ECE Rec 20 unit (default 2%).
    public var quantityTolerance: Decimal = Decimal(string: "0.02")!
    /// Value after currency conversion: CIF on import against FOB on export (default 10%).
    public var valueAllowance: Decimal = Decimal(string: "0.10")!
    /// Package counts must agree exactly by default.
    public var packageTolerance: Decimal = 0
    /// An export without counterpart this many days after its lodgement is `mirror.unmatched`.
    public var unmatchedAfterDays: Int = 14

    public init() {}
}
