import CustomsCore
import CustomsXML

/// One goods item of a `DecMessage` (`DecLists/DecList`): `GNo` sequence, `CodeTS` national
/// code (its first six digits the HS subheading), `GName` description, `OriginCountry`,
/// `GQty` in `GUnit` (the China unit's multiplier applied), `DeclPrice` unit price,
/// `DeclTotal` value, `TradeCurr` currency. Codes are read in China customs' tables; the raw
/// codes stay in the item's `asFiled`.
enum ChinaDecGoodsItem {
    static func read(_ element: XMLElement, index: Int, codeLists: CodeLists, draft: inout DeclarationDraft) -> GoodsItem {
        let field = "goodsItems[\(index)]"
        var item = GoodsItem()
        item.sourceLine = element.line
        item.sequence = draft.integer(element.child("GNo"), field: field + ".sequence")
        let label = item.sequence.map { "\($0)" } ?? "\(index + 1)"
        draft.commodityCode(element.child("CodeTS"), in: element, sequence: label, field: field, into: &item)
        item.description = draft.text(element.child("GName"), field: field + ".description")
        item.originCountry = draft.country(
            element.child("OriginCountry"), authority: .china, codeLists: codeLists,
            field: field + ".originCountry", asFiled: &item.asFiled)
        let (unit, quantity) = draft.unitAndQuantity(
            unit: element.child("GUnit"), quantity: element.child("GQty"), system: .china, codeLists: codeLists,
            field: field, asFiled: &item.asFiled)
        item.unit = unit
        item.quantity = quantity
        item.unitPrice = draft.decimal(element.child("DeclPrice"), field: field + ".unitPrice")
        item.value = draft.decimal(element.child("DeclTotal"), field: field + ".value")
        item.currency = draft.currency(
            element.child("TradeCurr"), authority: .china, codeLists: codeLists,
            field: field + ".currency", asFiled: &item.asFiled)
        return item
    }
}
