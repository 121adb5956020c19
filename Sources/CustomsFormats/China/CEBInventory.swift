import CustomsCore
import CustomsXML

/// One `Inventory` (清单) of a CEB603 or CEB621 message as a shared declaration: its
/// `InventoryHead` and its `InventoryList` goods items (DOMAIN.md, "Field mapping").
enum CEBInventory {
    /// The elements that hold a private buyer's personal data (CEB621), in the order of their
    /// names: read in that order into `asFiled`.
    static let personalData: [CEBInventoryHead.Name] = [.buyerIdNumber, .buyerTelephone]
    /// The goods item's elements (``ChinaGoodsItem/Elements/cebInventory``), each at the place
    /// of its role, looked up among the children of each `InventoryList`.
    static let itemLookup = XMLChildNames(ChinaGoodsItem.Role.allCases.map(ChinaGoodsItem.Elements.cebInventory.name))

    /// Reads the `Inventory` record (index 0 of `record`), its elements by index: the fields of
    /// the head and of each goods item found in one pass each, and decoded as they are read
    /// (``XMLFlatRecord/field(at:)``).
    static func read(_ record: XMLFlatRecord, messageType: String, codeLists: CodeLists, draft: inout DeclarationDraft) {
        draft.declaration.declaringCountry = DeclarationDraft.china
        guard let headIndex = record.child("InventoryHead", of: 0) else {
            draft.finding("field.missing", "the Inventory has no InventoryHead: no header data can be read", at: record.field(at: 0), field: nil)
            readItems(record, header: nil, codeLists: codeLists, draft: &draft)
            return
        }
        let head = CEBInventoryHead(record, at: headIndex)
        // What the head's reading keeps as filed (flag, port, times, mode, personal data, owner):
        // room for all of it at once.
        draft.declaration.asFiled.reserveCapacity(8)
        for name in [CEBInventoryHead.Name.invtNo, .preNo, .copNo] where draft.declaration.id == nil {
            draft.declaration.id = draft.text(head[name], field: "id")
        }
        if draft.declaration.id == nil {
            draft.missing("no inventory number: invtNo, preNo and copNo are all empty", at: head.element, field: "id")
        }
        let flag = head[.ieFlag]
        if let flag, !flag.trimmedText.isEmpty {
            draft.declaration.direction = draft.direction(flag, system: .china, codeLists: codeLists)
        } else {
            draft.missing("ieFlag is empty: the inventory does not say whether it is an import (I) or an export (E)", at: flag ?? head.element, field: "direction")
        }
        draft.declaration.procedure = draft.text(head[.tradeMode], field: "procedure")
        draft.declaration.customsOffice = draft.text(head[.customsCode], field: "customsOffice")
        draft.borderCrossing(head[.portCode], codeLists: codeLists)
        let appTime = head[.appTime]
        if let applied = draft.chinaTime(appTime, field: "lodgedAt", codeLists: codeLists) {
            draft.declaration.lodgedAt = applied.at
            draft.declaration.lodgedOn = applied.date
        } else if appTime?.trimmedText.isEmpty ?? true {
            draft.missing("appTime is empty: the inventory has no lodgement time", at: appTime ?? head.element, field: "lodgedAt")
        }
        if let declTime = draft.text(head[.declTime], field: "asFiled.declTime") {
            draft.declaration.asFiled.set("declTime", declTime)
        }
        draft.declaration.transportMode = draft.transportMode(head[.trafMode], system: .china, codeLists: codeLists)
        draft.billOfTransport(head[.billNo])
        if let waybill = draft.text(head[.logisticsNo], field: "transportDocuments") {
            draft.declaration.transportDocuments.append(TransportDocument(type: "waybill", number: waybill))
        }
        readParties(head, messageType: messageType, draft: &draft)
        let totals = Totals(
            grossMassKg: draft.decimal(head[.grossWeight], field: "totals.grossMassKg"),
            netMassKg: draft.decimal(head[.netWeight], field: "totals.netMassKg"),
            packages: draft.decimal(head[.packNo], field: "totals.packages"))
        draft.declaration.totals = totals.isEmpty ? nil : totals
        readItems(record, header: head, codeLists: codeLists, draft: &draft)
    }

    /// The e-commerce company (`ebcName`/`ebcCode`) is the exporter; in CEB621 the buyer is the
    /// importer (a private person: identity number and telephone are personal data, kept in
    /// `asFiled` only); the agent is the declarant; `ownerName` (CEB603) stays in `asFiled`.
    static func readParties(_ head: CEBInventoryHead, messageType: String, draft: inout DeclarationDraft) {
        draft.declaration.exporter = draft.party(name: [head[.ebcName]], ids: [head[.ebcCode]], country: nil, field: "exporter")
        draft.declaration.declarant = draft.party(name: [head[.agentName]], ids: [head[.agentCode]], country: nil, field: "declarant")
        if let buyer = draft.text(head[.buyerName], field: "importer.name") {
            draft.declaration.importer = Party(name: buyer)
        }
        for name in personalData {
            // Read raw, never through a helper that could quote it in a finding.
            guard let element = head[name] else { continue }
            let value = element.trimmedText
            guard !value.isEmpty else { continue }
            draft.declaration.asFiled.set(element.name, value)
            draft.declaration.personalData.insert(element.name)
        }
        if let owner = draft.text(head[.ownerName], field: "asFiled.ownerName") {
            draft.declaration.asFiled.set("ownerName", owner)
        }
    }

    static func readItems(_ record: XMLFlatRecord, header: CEBInventoryHead?, codeLists: CodeLists, draft: inout DeclarationDraft) {
        let currency = header?[.currency]
        // One finder for all the items: the second and later are found by the first's layout.
        var finder = XMLChildFinder(itemLookup, in: record)
        // Into room made for all of them at once.
        let items = record.children("InventoryList", of: 0)
        draft.declaration.goodsItems.reserveCapacity(draft.declaration.goodsItems.count + items.count)
        for (index, position) in items.enumerated() {
            finder.find(under: position)
            draft.declaration.goodsItems.append(ChinaGoodsItem.read(
                record.field(at: position), index: index, fallbackCurrency: currency, codeLists: codeLists, draft: &draft
            ) { finder.found[$0.rawValue].map { record.field(at: $0) } })
        }
    }
}
