public import CustomsCore
import Foundation

/// `value.line-total`: each goods item's value equals quantity × unit price, allowing for the
/// rounding of the unit price and of the value to the decimals they were filed with, plus the
/// configured relative tolerance (0 by default).
///
/// China's adapters apply a national unit's multiplier to the quantity (5 of 043 百个 become
/// 500 H87) while the unit price stays per national unit as filed; the rule divides the
/// multiplier back out (from the national unit kept in `asFiled`) so both sides are in the
/// units the declarant filed. When the multiplier cannot be found again, the item is skipped
/// rather than compared in inconsistent units.
public struct LineTotalRule: DeclarationRule {
    public let codes = ["value.line-total"]
    public let layer = RuleLayer.consistency
    public let source = "Invoice arithmetic: line value = quantity × unit price (WCO Data Model, China DeclTotal/totalPrice)"

    public init() {}

    public func check(_ declaration: Declaration, in context: RuleContext) -> [Finding] {
        // Each item read where it lies (`items[index].value`): not copied, its strings not retained.
        let items = declaration.goodsItems
        var findings: [Finding] = []
        // The code systems of the declaration's units, looked up once for all its items.
        let systems = AsFiledCodeSource.systems(for: declaration.sourceFormat)
        for index in items.indices {
            guard let quantity = items[index].quantity, let price = items[index].unitPrice, let value = items[index].value else { continue }
            // No raw unit kept in `asFiled`: the quantity is as filed (``filedQuantity``). The
            // item's unit and `asFiled` are handed over, not a copy of the item.
            let filed = items[index].asFiled.isEmpty ? quantity : filedQuantity(
                quantity, unit: items[index].unit, asFiled: items[index].asFiled, systems: systems, codeLists: context.codeLists)
            guard let filed else { continue }
            let decimals = Self.priceDecimals(written: items[index].unitPriceDecimals, price: price)
            if Self.withinRounding(filed, price, decimals: decimals, value, tolerance: context.tolerances.lineTotal) { continue }
            let item = items[index]
            let product = filed * price
            let rounding = abs(filed) * DecimalText.halfUnit(decimals: decimals)
                + DecimalText.halfUnit(decimals: max(2, DecimalText.decimals(value)))
            let allowed = rounding + context.tolerances.lineTotal * max(abs(product), abs(value))
            let difference = abs(product - value)
            guard difference > allowed else { continue }
            let path = "goodsItems[\(index)]"
            let quantityText = filed == quantity ? DecimalText.text(quantity) : "\(DecimalText.text(filed)) (as filed; \(DecimalText.text(quantity)) \(item.unit ?? ""))"
            var message = "\(path).value \(DecimalText.text(value)) differs from quantity \(quantityText) × unitPrice \(ExactDecimal.format(price, decimals: decimals)) = \(DecimalText.text(product))"
            message += " by \(DecimalText.text(difference)) (\(DecimalText.percent(DecimalText.relativeDifference(product, value))))"
            message += "; rounding of the unit price as filed (\(decimals) decimal\(decimals == 1 ? "" : "s")) and of the value explains at most \(DecimalText.text(DecimalText.rounded(allowed, scale: 6)))"
            if context.tolerances.lineTotal > 0 { message += " with the tolerance \(DecimalText.percent(context.tolerances.lineTotal))" }
            findings.append(FindingPlace.finding("value.line-total", message, in: declaration, item: item, field: path + ".value"))
        }
        return findings
    }

    /// True when `|quantity × price − value|` is surely within the rounding allowed (no
    /// finding), decided exactly in ``SmallDecimal`` with the same terms as the `Decimal` path;
    /// `false` when it is not or the values do not fit (the `Decimal` path decides then).
    static func withinRounding(_ quantity: Decimal, _ price: Decimal, decimals: Int, _ value: Decimal, tolerance: Decimal) -> Bool {
        guard let q = SmallDecimal(quantity), let p = SmallDecimal(price), let v = SmallDecimal(value),
              let t = SmallDecimal(tolerance), let product = q * p, let absQuantity = q.magnitude,
              let quantityRounding = absQuantity * half(decimals),
              let rounding = quantityRounding + half(max(2, DecimalText.decimals(value))),
              let difference = (product - v)?.magnitude
        else { return false }
        var allowed = rounding
        // No tolerance (the default): the tolerated part is 0, not computed.
        if t.mantissa != 0 {
            guard let absProduct = product.magnitude, let absValue = v.magnitude,
                  let larger = SmallDecimal.compare(absProduct, absValue).map({ $0 >= 0 ? absProduct : absValue }),
                  let tolerated = t * larger, let sum = rounding + tolerated
            else { return false }
            allowed = sum
        }
        guard let order = SmallDecimal.compare(difference, allowed) else { return false }
        return order <= 0
    }

    /// The decimals the unit price was filed with: as written, trailing zeros included
    /// (``GoodsItem/unitPriceDecimals``, `12.50` → 2: `written`), else those of the value
    /// (`12.5` → 1). A price filed with more decimals is known more precisely, so it allows less
    /// rounding.
    static func priceDecimals(written: Int?, price: Decimal) -> Int {
        let own = DecimalText.decimals(price)
        guard let written, written > own else { return own }
        return min(written, ExactDecimal.maximumDigits)
    }

    /// ``DecimalText/halfUnit(decimals:)``: 5 × 10^-(decimals + 1).
    private static func half(_ decimals: Int) -> SmallDecimal { SmallDecimal(mantissa: 5, exponent: -decimals - 1) }

    /// The multiplier of a unit that has none, made once.
    private static let one: Decimal = 1

    /// Whether an element name is that of the unit a quantity is filed in (China DecList `GUnit`,
    /// CEB InventoryList `unit`): compared with both, no set of names hashed.
    static func namesFiledUnit(_ name: String) -> Bool { name == "GUnit" || name == "unit" }

    /// The quantity in the unit the price was filed per: the national unit's multiplier divided
    /// back out; `nil` when the item's unit was mapped with a multiplier that cannot be found.
    /// `unit` and `asFiled` are the goods item's, `systems` those its source format files codes
    /// in (``AsFiledCodeSource/systems(for:)``).
    func filedQuantity(_ quantity: Decimal, unit: String?, asFiled: AsFiled, systems: [CodeSystem], codeLists: CodeLists) -> Decimal? {
        // No unit, or no raw unit kept in `asFiled` to divide a multiplier back out of: as filed.
        guard let unit, !asFiled.isEmpty else { return quantity }
        // The unit the quantity was filed in (GUnit, unit) before legal units (FirstUnit, unit1),
        // each kind in filing order: two passes over the entries, none sorted or copied.
        let entries = asFiled.entries
        for filedUnits in [true, false] {
            for index in entries.indices where Self.namesFiledUnit(entries[index].name) == filedUnits && Self.namesAUnit(entries[index].name) {
                // Only China's and the EAEU's unit tables carry multipliers.
                for system in systems where system == .china || system == .eaeu {
                    if case let .found(mapping) = codeLists.unit(entries[index].raw, in: system), mapping.rec20 == unit {
                        return mapping.factor == Self.one ? quantity : quantity / mapping.factor
                    }
                }
            }
        }
        return quantity
    }

    /// Whether an `asFiled` name names a unit (holds "unit" but not "price", in any case):
    /// over its bytes in place, ASCII letters folded as they are compared, for ASCII names;
    /// through `lowercased()` for the others.
    static func namesAUnit(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else {
                let name = String(decoding: bytes, as: UTF8.self).lowercased()
                return name.contains("unit") && !name.contains("price")
            }
            return contains(bytes, "unit") && !contains(bytes, "price")
        }
    }

    /// Whether the ASCII `bytes`, upper-case letters taken as lower-case, hold the lower-case `word`.
    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        let needle = UnsafeBufferPointer(start: word.utf8Start, count: count)
        func folded(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        for start in 0...(bytes.count - count) where folded(bytes[start]) == needle[0] {
            if (1..<count).allSatisfy({ folded(bytes[start + $0]) == needle[$0] }) { return true }
        }
        return false
    }
}
