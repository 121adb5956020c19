import CustomsCore
import CustomsXML
import Foundation

/// Reads one `HouseConsignment/ConsignmentItem` of a `CC015C`/`CC013C`.
///
/// - `sequence`: `declarationGoodsItemNumber` (numbered across the declaration), else
///   `goodsItemNumber`.
/// - `hsCode`: `Commodity/CommodityCode/harmonizedSystemSubHeadingCode` (6 digits; anything
///   else is `field.invalid`); `nationalCode`: that subheading followed by
///   `combinedNomenclatureCode` (the 8-digit CN code) when the CN code is filed, otherwise absent.
/// - `description`: `Commodity/descriptionOfGoods`.
/// - `grossMassKg` / `netMassKg`: `Commodity/GoodsMeasure/grossMass` / `netMass` (kilograms).
/// - `packages`: the sum of `Packaging/numberOfPackages` over the item's packagings.
struct NCTSGoodsItemReader {
    func read(_ element: XMLElement, field: String, draft: inout DeclarationDraft) -> GoodsItem {
        var item = GoodsItem()
        item.sourceLine = element.line
        item.sequence = draft.integer(element.child("declarationGoodsItemNumber"), field: field + ".sequence")
            ?? draft.integer(element.child("goodsItemNumber"), field: field + ".sequence")
        let commodity = element.child("Commodity")
        item.description = draft.text(commodity?.child("descriptionOfGoods"), field: field + ".description")
        let codeElement = commodity?.path("CommodityCode", "harmonizedSystemSubHeadingCode")
        if let codeElement, let hs = draft.text(codeElement, field: field + ".hsCode") {
            if hs.count == 6, hs.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                item.hsCode = hs
                if let cn = draft.text(commodity?.path("CommodityCode", "combinedNomenclatureCode"), field: field + ".nationalCode") {
                    item.nationalCode = hs + cn
                    item.asFiled.set("combinedNomenclatureCode", cn)
                }
            } else {
                draft.finding("field.invalid", "harmonizedSystemSubHeadingCode '\(hs)' is not a 6-digit HS subheading", at: codeElement, field: field + ".hsCode")
            }
        }
        item.grossMassKg = draft.decimal(commodity?.path("GoodsMeasure", "grossMass"), field: field + ".grossMassKg")
        item.netMassKg = draft.decimal(commodity?.path("GoodsMeasure", "netMass"), field: field + ".netMassKg")
        let counts = element.children("Packaging").compactMap { draft.decimal($0.child("numberOfPackages"), field: field + ".packages") }
        item.packages = counts.isEmpty ? nil : counts.reduce(Decimal(0), +)
        return item
    }
}
