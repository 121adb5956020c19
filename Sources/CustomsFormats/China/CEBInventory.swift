import CustomsCore
import CustomsXML

/// One `Inventory` (清单) of a CEB603 or CEB621 message as a shared declaration: its
/// `InventoryHead` and its `InventoryList` goods items (DOMAIN.md, "Field mapping").
enum CEBInventory {
    /// The `asFiled` names that hold a private buyer's personal data (CEB621).
    static let personalData: Set<String> = ["buyerIdNumber", "buyerTelephone"]
    /// ``personalData`` in the order they are read, sorted once.
    static let personalDataInOrder = personalData.sorted()

    /// Reads the `Inventory` record (index 0 of `record`), its elements by index: only the
    /// fields read are decoded, as ``XMLField`` values (``XMLFlatRecord/field(at:)``).
    static func read(_ record: XMLFlatRecord, messageType: String, codeLists: CodeLists, draft: inout DeclarationDraft) {
        draft.declaration.declaringCountry = DeclarationDraft.china
        guard let headIndex = record.child("InventoryHead", of: 0) else {
            draft.finding("field.missing", "the Inventory has no InventoryHead: no header data can be read", at: record.field(at: 0), field: nil)
            readItems(record, header: nil, codeLists: codeLists, draft: &draft)
            return
        }
        let head = FlatElement(record: record, index: headIndex)
        for name in ["invtNo", "preNo", "copNo"] where draft.declaration.id == nil {
            draft.declaration.id = draft.text(head.child(name), field: "id")
        }
        if draft.declaration.id == nil {
            draft.missing("no inventory number: invtNo, preNo and copNo are all empty", at: head.element, field: "id")
        }
        let flag = head.child("ieFlag")
        if let flag, !flag.trimmedText.isEmpty {
            draft.declaration.direction = draft.direction(flag, system: .china, codeLists: codeLists)
        } else {
            draft.missing("ieFlag is empty: the inventory does not say whether it is an import (I) or an export (E)", at: flag ?? head.element, field: "direction")
        }
        draft.declaration.procedure = draft.text(head.child("tradeMode"), field: "procedure")
        draft.declaration.customsOffice = draft.text(head.child("customsCode"), field: "customsOffice")
        draft.borderCrossing(head.child("portCode"), codeLists: codeLists)
        let appTime = head.child("appTime")
        if let applied = draft.chinaTime(appTime, field: "lodgedAt", codeLists: codeLists) {
            draft.declaration.lodgedAt = applied.at
            draft.declaration.lodgedOn = applied.date
        } else if appTime?.trimmedText.isEmpty ?? true {
            draft.missing("appTime is empty: the inventory has no lodgement time", at: appTime ?? head.element, field: "lodgedAt")
        }
        if let declTime = draft.text(head.child("declTime"), field: "asFiled.declTime") {
            draft.declaration.asFiled.set("declTime", declTime)
        }
        draft.declaration.transportMode = draft.transportMode(head.child("trafMode"), system: .china, codeLists: codeLists)
        draft.billOfTransport(head.child("billNo"))
        if let waybill = draft.text(head.child("logisticsNo"), field: "transportDocuments") {
            draft.declaration.transportDocuments.append(TransportDocument(type: "waybill", number: waybill))
        }
        readParties(head, messageType: messageType, draft: &draft)
        let totals = Totals(
            grossMassKg: draft.decimal(head.child("grossWeight"), field: "totals.grossMassKg"),
            netMassKg: draft.decimal(head.child("netWeight"), field: "totals.netMassKg"),
            packages: draft.decimal(head.child("packNo"), field: "totals.packages"))
        draft.declaration.totals = totals.isEmpty ? nil : totals
        readItems(record, header: head, codeLists: codeLists, draft: &draft)
    }

    /// The e-commerce company (`ebcName`/`ebcCode`) is the exporter; in CEB621 the buyer is the
    /// importer (a private person: identity number and telephone are personal data, kept in
    /// `asFiled` only); the agent is the declarant; `ownerName` (CEB603) stays in `asFiled`.
    static func readParties(_ head: FlatElement, messageType: String, draft: inout DeclarationDraft) {
        draft.declaration.exporter = draft.party(name: [head.child("ebcName")], ids: [head.child("ebcCode")], country: nil, field: "exporter")
        draft.declaration.declarant = draft.party(name: [head.child("agentName")], ids: [head.child("agentCode")], country: nil, field: "declarant")
        if let buyer = draft.text(head.child("buyerName"), field: "importer.name") {
            draft.declaration.importer = Party(name: buyer)
        }
        for name in personalDataInOrder {
            // Read raw, never through a helper that could quote it in a finding.
            guard let element = head.child(name) else { continue }
            let value = element.trimmedText
            guard !value.isEmpty else { continue }
            draft.declaration.asFiled.set(name, value)
            draft.declaration.personalData.insert(name)
        }
        if let owner = draft.text(head.child("ownerName"), field: "asFiled.ownerName") {
            draft.declaration.asFiled.set("ownerName", owner)
        }
    }

    static func readItems(_ record: XMLFlatRecord, header: FlatElement?, codeLists: CodeLists, draft: inout DeclarationDraft) {
        // The header's currency is looked up once, not once per goods item.
        let currency = header?.child("currency")
        let names = ChinaGoodsItem.Elements.cebInventory
        // Into room made for all of them at once.
        let items = record.children("InventoryList", of: 0)
        draft.declaration.goodsItems.reserveCapacity(draft.declaration.goodsItems.count + items.count)
        for (index, position) in items.enumerated() {
            let item = FlatElement(record: record, index: position)
            draft.declaration.goodsItems.append(ChinaGoodsItem.read(
                item.element, index: index, fallbackCurrency: currency, codeLists: codeLists, draft: &draft
            ) { item.child(names.name($0)) })
        }
    }
}
