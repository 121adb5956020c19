public import Foundation

/// The tolerances of the consistency rules, as relative differences `|a − b| / max(|a|, |b|)`
/// (`SPEC.md`, "Tolerances"). Defaults: 0.5% for masses and amounts, exact for counts; the
/// documented default configuration is `Schemas/rules-default.json`.
public struct Tolerances: Sendable, Hashable {
    /// `totals.mismatch` on gross and net mass. Default 0.005 (0.5%).
    public var mass: Decimal
    /// `totals.mismatch` on the invoice amount against the sum of the line values. Default 0.005.
    public var amount: Decimal
    /// `totals.mismatch` on packages and the goods item count. Default 0 (exact).
    public var count: Decimal
    /// `value.line-total`, on top of the rounding of the unit price and the value to the
    /// decimals they were filed with. Default 0.
    public var lineTotal: Decimal

    public static let halfPercent = Decimal(sign: .plus, exponent: -3, significand: 5)

    public init(mass: Decimal = Tolerances.halfPercent, amount: Decimal = Tolerances.halfPercent, count: Decimal = 0, lineTotal: Decimal = 0) {
        self.mass = mass
        self.amount = amount
        self.count = count
        self.lineTotal = lineTotal
    }
}
