public import Foundation

/// One goods item of a declaration (WCO: GovernmentAgencyGoodsItem).
public struct GoodsItem: Sendable, Hashable {
    /// The item's sequence number as filed (GNo, gnum, GoodsNumeric, SequenceNumeric).
    public var sequence: Int?
    /// The 6-digit HS subheading.
    public var hsCode: String?
    /// The full national code as filed (10-digit China or TN VED code), leading zeros kept.
    public var nationalCode: String?
    public var description: String?
    /// ISO 3166-1 alpha-2.
    public var originCountry: String?
    /// In `unit`, after applying a national unit's multiplier.
    public var quantity: Decimal?
    /// UN/ECE Rec 20 (`KGM`, `H87`, ...).
    public var unit: String?
    public var grossMassKg: Decimal?
    public var netMassKg: Decimal?
    public var packages: Decimal?
    /// Per unit as filed (per the national unit, before any multiplier).
    public var unitPrice: Decimal?
    /// The decimals the unit price was written with, when its text had trailing zeros that
    /// `unitPrice` does not keep (`12.50` → 2, while `unitPrice` is 12.5); `nil` when the value
    /// shows them all. `value.line-total` allows for the rounding of the price to these decimals.
    /// Set through ``noteUnitPriceDecimals(_:)``.
    public var unitPriceDecimals: Int?
    public var value: Decimal?
    /// ISO 4217 alpha.
    public var currency: String?
    public var asFiled = AsFiled()
    /// The line of the item in its file (XML) or row (CSV); not part of the JSON form.
    public var sourceLine: Int?

    public init() {}

    /// Records that the unit price's text had `written` digits after its decimal separator; kept
    /// in ``unitPriceDecimals`` only when that is more than `unitPrice` itself shows.
    public mutating func noteUnitPriceDecimals(_ written: Int) {
        guard let unitPrice, written > max(0, -Int(unitPrice.exponent)) else { return }
        unitPriceDecimals = written
    }
}
