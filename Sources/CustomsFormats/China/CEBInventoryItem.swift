import CustomsCore
import CustomsXML

/// One goods item of a CEB inventory (`InventoryList`): `gnum` sequence, `gcode` national code
/// (its first six digits the HS subheading), `gname` description, `country` origin, `qty` in
/// `unit` (the China unit's multiplier applied), `price` unit price, `totalPrice` value,
/// `currency` — the item's own, else the inventory header's (币制, the currency of every price
/// of the inventory). Codes are read in China customs' tables; the raw codes stay in the item's
/// `asFiled`.
enum CEBInventoryItem {
    static func read(_ element: XMLElement, index: Int, header: XMLElement?, codeLists: CodeLists, draft: inout DeclarationDraft) -> GoodsItem {
        let field = "goodsItems[\(index)]"
        var item = GoodsItem()
        item.sourceLine = element.line
        item.sequence = draft.integer(element.child("gnum"), field: field + ".sequence")
        let label = item.sequence.map { "\($0)" } ?? "\(index + 1)"
        draft.commodityCode(element.child("gcode"), in: element, sequence: label, field: field, into: &item)
        item.description = draft.text(element.child("gname"), field: field + ".description")
        item.originCountry = draft.country(
            element.child("country"), authority: .china, codeLists: codeLists,
            field: field + ".originCountry", asFiled: &item.asFiled)
        let (unit, quantity) = draft.unitAndQuantity(
            unit: element.child("unit"), quantity: element.child("qty"), system: .china, codeLists: codeLists,
            field: field, asFiled: &item.asFiled)
        item.unit = unit
        item.quantity = quantity
        item.unitPrice = draft.decimal(element.child("price"), field: field + ".unitPrice")
        item.value = draft.decimal(element.child("totalPrice"), field: field + ".value")
        let ownCurrency = element.child("currency").flatMap { $0.trimmedText.isEmpty ? nil : $0 }
        item.currency = draft.currency(
            ownCurrency ?? header?.child("currency"), authority: .china, codeLists: codeLists,
            field: field + ".currency", asFiled: &item.asFiled)
        return item
    }
}
