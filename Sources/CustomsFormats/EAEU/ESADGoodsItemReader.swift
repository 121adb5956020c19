import CustomsCore
import CustomsXML

/// Reads one `ESADout_CUGoods` item.
///
/// - `sequence`: `GoodsNumeric`. `description`: the `GoodsDescription` parts (up to four of
///   250 characters each), joined with a space, byte-exact otherwise.
/// - `nationalCode`: `GoodsTNVEDCode` as filed (10-digit TN VED code, leading zeros kept);
///   `hsCode`: its first six digits. A code that is not ten digits is `field.invalid` and gives
///   no `hsCode`.
/// - `originCountry`: `OriginCountryCode` of the item, else of the goods shipment.
/// - `grossMassKg` / `netMassKg`: `GrossWeightQuantity` / `NetWeightQuantity` (kilograms).
/// - `quantity` + `unit`: `SupplementaryGoodsQuantity` `GoodsQuantity` +
///   `MeasureUnitQualifierCode`, an OKEI code → UN/ECE Rec 20 with its multiplier
///   (`Schemas/codelists/okei-units.csv`: 797 hundred pieces → H87 × 100); an unknown code is
///   `code.unit` and leaves both out.
/// - `packages`: `ESADGoodsPackaging/PakageQuantity`.
/// - `value`: `InvoicedCost`, in the item's `CurrencyCode` when filed, else the contract
///   currency; `CustomsCost` (national currency) and `StatisticalCost` (USD) stay in `asFiled`.
/// - Containers: `ESADContainer/ContainerNumber/ContainerIdentificaror` (sic) → the
///   declaration's `containers`.
struct ESADGoodsItemReader {
    let codes: CodeLists
    let contractCurrency: String?
    let shipmentOrigin: XMLElement?

    func read(_ element: XMLElement, field: String, draft: inout DeclarationDraft) -> GoodsItem {
        var item = GoodsItem()
        item.sourceLine = element.line
        item.sequence = draft.integer(element.child("GoodsNumeric"), field: field + ".sequence")
        let parts = element.children("GoodsDescription").compactMap { draft.text($0, field: field + ".description") }
        item.description = parts.isEmpty ? nil : parts.joined(separator: " ")
        if let codeElement = element.child("GoodsTNVEDCode"), let code = draft.text(codeElement, field: field + ".nationalCode") {
            item.nationalCode = code
            if code.count == 10, code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                item.hsCode = String(code.prefix(6))
            } else {
                draft.finding(
                    "field.invalid", "GoodsTNVEDCode '\(code)' is not a 10-digit TN VED code; no HS subheading is derived",
                    at: codeElement, field: field + ".hsCode")
            }
        }
        item.originCountry = draft.country(
            element.child("OriginCountryCode") ?? shipmentOrigin, authority: .isoNumeric, codeLists: codes,
            field: field + ".originCountry", asFiled: &item.asFiled)
        item.grossMassKg = draft.decimal(element.child("GrossWeightQuantity"), field: field + ".grossMassKg")
        item.netMassKg = draft.decimal(element.child("NetWeightQuantity"), field: field + ".netMassKg")
        if let supplementary = element.child("SupplementaryGoodsQuantity") {
            let mapped = draft.unitAndQuantity(
                unit: supplementary.child("MeasureUnitQualifierCode"), quantity: supplementary.child("GoodsQuantity"),
                system: .eaeu, codeLists: codes, field: field, asFiled: &item.asFiled)
            item.unit = mapped.unit
            item.quantity = mapped.quantity
        }
        item.packages = draft.decimal(element.path("ESADGoodsPackaging", "PakageQuantity"), field: field + ".packages")
        item.value = draft.decimal(element.child("InvoicedCost"), field: field + ".value")
        if let currencyElement = element.child("CurrencyCode") {
            item.currency = draft.currency(
                currencyElement, authority: .isoNumeric, codeLists: codes, field: field + ".currency", asFiled: &item.asFiled)
        } else if item.value != nil {
            item.currency = contractCurrency
        }
        for name in ["CustomsCost", "StatisticalCost"] {
            if let cost = element.child(name), let raw = draft.text(cost, field: field + ".asFiled") {
                item.asFiled.set(name, raw)
            }
        }
        for container in element.children("ESADContainer") {
            for number in container.children("ContainerNumber") {
                draft.addContainer(number.child("ContainerIdentificaror"))
            }
        }
        return item
    }
}
