import CustomsCore
import CustomsXML
import Foundation

/// Reads one `GovernmentAgencyGoodsItem` of a WCO DM declaration.
///
/// - `sequence`: `SequenceNumeric`; `description`: `Commodity/Description`.
/// - `nationalCode`: the `Commodity/Classification/ID` whose `IdentificationTypeCode` is `TSP`
///   (the 8-digit CN code, as filed); `hsCode`: its first six digits (a code of fewer than six
///   digits is `field.invalid`).
/// - `grossMassKg`: `Commodity/GoodsMeasure/GrossMassMeasure`; `netMassKg`:
///   `NetNetWeightMeasure` (kilograms; another `unitCode` is `field.invalid`).
/// - `originCountry`: `Origin/CountryCode` (ISO alpha-2).
/// - `value` + `currency`: `Commodity/InvoiceLine/ItemChargeAmount` and its `currencyID`;
///   `StatisticalValueAmount` stays in `asFiled`.
/// - `packages`: the sum of `Packaging/QuantityQuantity`.
struct WCOGoodsItemReader {
    let codes: CodeLists

    func read(_ element: XMLElement, field: String, draft: inout DeclarationDraft) -> GoodsItem {
        var item = GoodsItem()
        item.sourceLine = element.line
        item.sequence = draft.integer(element.child("SequenceNumeric"), field: field + ".sequence")
        let commodity = element.child("Commodity")
        item.description = draft.text(commodity?.child("Description"), field: field + ".description")
        if let classification = commodity?.children("Classification").first(where: { $0.child("IdentificationTypeCode")?.trimmedText == "TSP" }),
           let codeElement = classification.child("ID"), let code = draft.text(codeElement, field: field + ".nationalCode") {
            item.nationalCode = code
            if code.count >= 6, code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                item.hsCode = String(code.prefix(6))
            } else {
                draft.finding("field.invalid", "Classification ID '\(code)' (TSP) is not a commodity code of at least six digits", at: codeElement, field: field + ".hsCode")
            }
        }
        item.grossMassKg = WCOAmount.kilograms(commodity?.path("GoodsMeasure", "GrossMassMeasure"), field: field + ".grossMassKg", draft: &draft)
        item.netMassKg = WCOAmount.kilograms(commodity?.path("GoodsMeasure", "NetNetWeightMeasure"), field: field + ".netMassKg", draft: &draft)
        if let origin = element.path("Origin", "CountryCode") {
            item.originCountry = draft.country(origin, authority: nil, codeLists: codes, field: field + ".originCountry", asFiled: &item.asFiled)
        }
        if let charge = commodity?.path("InvoiceLine", "ItemChargeAmount") {
            item.value = draft.decimal(charge, field: field + ".value")
            item.currency = WCOAmount.currency(charge, codes: codes, field: field + ".currency", draft: &draft)
        }
        if let statistical = element.child("StatisticalValueAmount"), let raw = draft.text(statistical, field: field + ".asFiled") {
            item.asFiled.set("StatisticalValueAmount", raw + (statistical.attribute("currencyID").map { " " + $0 } ?? ""))
        }
        let counts = element.children("Packaging").compactMap { draft.decimal($0.child("QuantityQuantity"), field: field + ".packages") }
        item.packages = counts.isEmpty ? nil : counts.reduce(Decimal(0), +)
        return item
    }
}
