public import CustomsCore
import Foundation

/// `totals.mismatch`: the header totals — gross mass, net mass, packages, goods item count —
/// and the invoice amount agree with the goods items (WCO Data Model: TotalGrossMassMeasure,
/// TotalPackageQuantity, GoodsItemQuantity, InvoiceAmount are sums over the goods items).
///
/// Masses and the amount are compared as relative differences `|a − b| / max(|a|, |b|)` with
/// the configured tolerances (0.5% by default), counts exactly. A sum is compared only when
/// every item carries the value; when some lack it, a mismatch is reported only if the items
/// that do carry it already exceed the header total, and the message says how many lacked it.
/// The invoice amount is compared only when the items are in the invoice currency.
public struct TotalsRule: DeclarationRule {
    public let codes = ["totals.mismatch"]
    public let layer = RuleLayer.consistency
    public let source = "WCO Data Model declaration totals (SPEC.md tolerances: relative difference)"

    public init() {}

    public func check(_ declaration: Declaration, in context: RuleContext) -> [Finding] {
        let items = declaration.goodsItems
        guard !items.isEmpty else { return [] }
        var findings: [Finding] = []
        let tolerances = context.tolerances
        let totals = declaration.totals
        // Sums that surely agree are decided on the items in place; the others as before.
        func check(_ header: Decimal?, _ field: String, _ tolerance: Decimal, _ what: String, _ itemValue: (GoodsItem) -> Decimal?) {
            guard let header, !Self.agrees(header, items, tolerance: tolerance, itemValue) else { return }
            if let message = compare(header, field: field, items: items.map(itemValue), tolerance: tolerance, what: what) {
                findings.append(FindingPlace.finding("totals.mismatch", message, in: declaration, field: field))
            }
        }
        check(totals?.grossMassKg, "totals.grossMassKg", tolerances.mass, "gross mass") { $0.grossMassKg }
        check(totals?.netMassKg, "totals.netMassKg", tolerances.mass, "net mass") { $0.netMassKg }
        check(totals?.packages, "totals.packages", tolerances.count, "packages") { $0.packages }
        if let count = totals?.goodsItemCount, count != items.count {
            findings.append(FindingPlace.finding(
                "totals.mismatch",
                "totals.goodsItemCount \(count) differs from the \(items.count) goods item\(items.count == 1 ? "" : "s") declared (counts must match exactly)",
                in: declaration, field: "totals.goodsItemCount"))
        }
        if let invoice = declaration.invoice, let amount = invoice.amount,
           items.allSatisfy({ $0.currency == nil || invoice.currency == nil || $0.currency == invoice.currency }),
           !Self.agrees(amount, items, tolerance: tolerances.amount, { $0.value }),
           let message = compare(amount, field: "invoice.amount", items: items.map(\.value), tolerance: tolerances.amount, what: "value") {
            findings.append(FindingPlace.finding("totals.mismatch", message, in: declaration, field: "invoice.amount"))
        }
        return findings
    }

    /// A message when `header` disagrees with the sum of `items` beyond `tolerance`.
    func compare(_ header: Decimal, field: String, items: [Decimal?], tolerance: Decimal, what: String) -> String? {
        let present = items.compactMap { $0 }
        guard !present.isEmpty else { return nil }
        if Self.agrees(header, present, lacking: items.count - present.count, tolerance: tolerance) { return nil }
        let sum = present.reduce(0, +)
        let lacking = items.count - present.count
        let difference = DecimalText.relativeDifference(header, sum)
        if lacking == 0 {
            guard difference > tolerance else { return nil }
        } else {
            guard sum > header, difference > tolerance else { return nil }
        }
        let allowed = tolerance == 0 ? "they must match exactly" : "exceeds the tolerance \(DecimalText.percent(tolerance))"
        if lacking == 0 {
            return "\(field) \(DecimalText.text(header)) differs from \(DecimalText.text(sum)), the sum of the \(what) of the \(items.count) goods item\(items.count == 1 ? "" : "s"): relative difference \(DecimalText.percent(difference)) \(tolerance == 0 ? "— " + allowed : allowed)"
        }
        // Some items lack the value: their sum is only a lower bound of the true total.
        return "\(field) \(DecimalText.text(header)) is less than \(DecimalText.text(sum)), the \(what) of the \(present.count) goods item\(present.count == 1 ? "" : "s") that carry it (\(lacking) of \(items.count) lack it): relative difference \(DecimalText.percent(difference)) \(tolerance == 0 ? "— " + allowed : allowed)"
    }

    /// True when the header and the items surely agree (no finding), decided exactly in
    /// ``SmallDecimal``: `|header − sum| ≤ tolerance × max(|header|, |sum|)` (the relative
    /// difference within the tolerance), or, when some items lack the value, `sum ≤ header`.
    /// `false` when they may not, or the values do not fit: the `Decimal` path decides then.
    static func agrees(_ header: Decimal, _ present: [Decimal], lacking: Int, tolerance: Decimal) -> Bool {
        var sum = SmallDecimal(mantissa: 0, exponent: 0)
        for value in present {
            guard let v = SmallDecimal(value), let next = sum + v else { return false }
            sum = next
        }
        return agrees(header, sum: sum, lacking: lacking, tolerance: tolerance)
    }

    /// ``agrees(_:_:lacking:tolerance:)`` of the values `itemValue` reads from `items`, without
    /// gathering them first; `true` when no item carries a value (nothing to compare).
    static func agrees(_ header: Decimal, _ items: [GoodsItem], tolerance: Decimal, _ itemValue: (GoodsItem) -> Decimal?) -> Bool {
        var sum = SmallDecimal(mantissa: 0, exponent: 0)
        var lacking = 0
        for index in items.indices {
            guard let value = itemValue(items[index]) else {
                lacking += 1
                continue
            }
            guard let v = SmallDecimal(value), let next = sum + v else { return false }
            sum = next
        }
        guard lacking < items.count else { return true }
        return agrees(header, sum: sum, lacking: lacking, tolerance: tolerance)
    }

    /// The decision of ``agrees(_:_:lacking:tolerance:)`` once the present values are summed.
    private static func agrees(_ header: Decimal, sum: SmallDecimal, lacking: Int, tolerance: Decimal) -> Bool {
        guard let h = SmallDecimal(header), let t = SmallDecimal(tolerance) else { return false }
        if lacking > 0, let order = SmallDecimal.compare(sum, h), order <= 0 { return true }
        guard let difference = (h - sum)?.magnitude, let a = h.magnitude, let b = sum.magnitude,
              let order = SmallDecimal.compare(a, b), let allowed = t * (order >= 0 ? a : b),
              let within = SmallDecimal.compare(difference, allowed)
        else { return false }
        return within <= 0
    }
}
