import CustomsCore
import CustomsXML

/// One goods item of a Chinese declaration, read the same way in both Chinese formats — only the
/// element names differ (``Elements``): sequence, national code (its first six digits the HS
/// subheading), description, origin, quantity in its unit (the China unit's multiplier applied),
/// unit price, value and currency. Codes are read in China customs' tables; the raw codes stay in
/// the item's `asFiled`.
enum ChinaGoodsItem {
    /// The element names of a goods item in one format.
    struct Elements {
        var sequence, code, description, origin, quantity, unit, unitPrice, value, currency: String

        /// `DecMessage` (`DecLists/DecList`).
        static let decMessage = Elements(
            sequence: "GNo", code: "CodeTS", description: "GName", origin: "OriginCountry", quantity: "GQty",
            unit: "GUnit", unitPrice: "DeclPrice", value: "DeclTotal", currency: "TradeCurr")
        /// CEB inventories (`InventoryList`).
        static let cebInventory = Elements(
            sequence: "gnum", code: "gcode", description: "gname", origin: "country", quantity: "qty",
            unit: "unit", unitPrice: "price", value: "totalPrice", currency: "currency")
    }

    /// Reads the item at `index`; `fallbackCurrency` is the header's currency (a CEB inventory's
    /// 币制, the currency of every price of the inventory) when the item has none of its own.
    static func read(
        _ element: some ChinaFieldSource, names: Elements, index: Int, fallbackCurrency: XMLElement? = nil,
        codeLists: CodeLists, draft: inout DeclarationDraft
    ) -> GoodsItem {
        // The field paths are built only for a finding (``DeclarationDraft/text(_:path:)``).
        func field() -> String { "goodsItems[\(index)]" }
        var item = GoodsItem()
        item.sourceLine = element.line
        item.sequence = draft.integer(element.child(names.sequence), path: field() + ".sequence")
        let sequence = item.sequence
        draft.commodityCode(
            element.child(names.code), in: element.element, sequence: sequence.map { "\($0)" } ?? "\(index + 1)", field: field(), into: &item)
        item.description = draft.text(element.child(names.description), path: field() + ".description")
        item.originCountry = draft.country(
            element.child(names.origin), authority: .china, codeLists: codeLists,
            path: field() + ".originCountry", asFiled: &item.asFiled)
        let (unit, quantity) = draft.unitAndQuantity(
            unit: element.child(names.unit), quantity: element.child(names.quantity), system: .china, codeLists: codeLists,
            path: field(), asFiled: &item.asFiled)
        item.unit = unit
        item.quantity = quantity
        item.unitPrice = draft.decimal(element.child(names.unitPrice), path: field() + ".unitPrice")
        if item.unitPrice != nil, let text = element.child(names.unitPrice)?.trimmedText {
            item.noteUnitPriceDecimals(ExactDecimal.writtenDecimals(text))
        }
        item.value = draft.decimal(element.child(names.value), path: field() + ".value")
        let ownCurrency = element.child(names.currency).flatMap { $0.trimmedText.isEmpty ? nil : $0 }
        item.currency = draft.currency(
            ownCurrency ?? fallbackCurrency, authority: .china, codeLists: codeLists,
            path: field() + ".currency", asFiled: &item.asFiled)
        return item
    }
}
