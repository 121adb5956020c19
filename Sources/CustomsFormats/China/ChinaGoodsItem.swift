import CustomsCore

/// One goods item of a Chinese declaration, read the same way in both Chinese formats — only the
/// element names differ (``Elements``): sequence, national code (its first six digits the HS
/// subheading), description, origin, quantity in its unit (the China unit's multiplier applied),
/// unit price, value and currency. Codes are read in China customs' tables; the raw codes stay in
/// the item's `asFiled`.
enum ChinaGoodsItem {
    /// What a field of the item holds.
    enum Role: Int, CaseIterable {
        case sequence, code, description, origin, quantity, unit, unitPrice, value, currency
    }

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

        /// The name of the element that holds `role`.
        func name(_ role: Role) -> String {
            switch role {
            case .sequence: sequence
            case .code: code
            case .description: description
            case .origin: origin
            case .quantity: quantity
            case .unit: unit
            case .unitPrice: unitPrice
            case .value: value
            case .currency: currency
            }
        }
    }

    /// Reads the item `element`, at `index`, its fields given by `field` (the first element of
    /// the role's name in the item; `nil` when it has none), each asked for once.
    /// `fallbackCurrency` is the header's currency (a CEB inventory's 币制, the currency of every
    /// price of the inventory) when the item has none of its own.
    static func read<Field: FiledField>(
        _ element: Field, index: Int, fallbackCurrency: Field? = nil, codeLists: CodeLists, draft: inout DeclarationDraft,
        field: (Role) -> Field?
    ) -> GoodsItem {
        // The field paths are built only for a finding (``DeclarationDraft/text(_:path:)``).
        func path() -> String { "goodsItems[\(index)]" }
        var item = GoodsItem()
        // Origin, unit, quantity and currency as filed: room for all of them at once.
        item.asFiled.reserveCapacity(4)
        item.sourceLine = element.line
        item.sequence = draft.integer(field(.sequence), path: path() + ".sequence")
        let sequence = item.sequence
        draft.commodityCode(
            field(.code), in: element, sequence: sequence.map { "\($0)" } ?? "\(index + 1)", field: path(), into: &item)
        item.description = draft.text(field(.description), path: path() + ".description")
        item.originCountry = draft.country(
            field(.origin), authority: .china, codeLists: codeLists, path: path() + ".originCountry", asFiled: &item.asFiled)
        let (unit, quantity) = draft.unitAndQuantity(
            unit: field(.unit), quantity: field(.quantity), system: .china, codeLists: codeLists, path: path(), asFiled: &item.asFiled)
        item.unit = unit
        item.quantity = quantity
        let unitPrice = field(.unitPrice)
        item.unitPrice = draft.decimal(unitPrice, path: path() + ".unitPrice")
        if item.unitPrice != nil, let text = unitPrice?.trimmedText {
            item.noteUnitPriceDecimals(ExactDecimal.writtenDecimals(text))
        }
        item.value = draft.decimal(field(.value), path: path() + ".value")
        let ownCurrency = field(.currency).flatMap { $0.trimmedText.isEmpty ? nil : $0 }
        item.currency = draft.currency(
            ownCurrency ?? fallbackCurrency, authority: .china, codeLists: codeLists,
            path: path() + ".currency", asFiled: &item.asFiled)
        return item
    }
}
