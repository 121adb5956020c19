import CustomsCore
public import CustomsXML

/// Reads China's general customs declaration (报关单), `DecMessage`: in the namespace
/// `http://www.chinaport.gov.cn/dec` or in none, bare or inside the single-window
/// `ImportMessage` envelope (`SWImpData/DecMessage`). One declaration per `DecMessage`.
///
/// Mapping (DOMAIN.md, "Field mapping", China `DecMessage`): `id` from `EntryId` →
/// `PreEntryId` → `DecSign/ClientSeqNo`; `IEFlag` → direction; `TradeMode` → procedure;
/// `CustomMaster` → customs office; `IEPort` → border crossing (`Schemas/border-crossings.csv`);
/// `DecSign/SignTime` → `lodgedAt` (Beijing time); `DDate` → `PDate` → the date of `SignTime`
/// → `lodgedOn`; `TrafMode` → transport mode; `TransMode` → Incoterm; `BillNo` → transport
/// document; the domestic trader, the overseas party and the agent → parties; `GrossWet`,
/// `NetWt` (kg) and `PackNo` → totals; `DecLists/DecList` → goods items; containers from
/// `DecContainers`. Codes are read in China customs' tables; everything mapped or converted
/// stays in `asFiled`.
///
/// Findings: `field.missing` (no declaration number, no `IEFlag`, no lodgement date, an empty
/// `CodeTS`),
/// `field.invalid`, `field.placeholder`, `code.country`, `code.currency`, `code.unit`,
/// `code.transport-mode`, `code.direction`.
public struct ChinaDecAdapter: XMLFormatAdapter {
    public let format = "cn-dec"
    public static let namespace = "http://www.chinaport.gov.cn/dec"
    static let messageType = "DecMessage"
    static let envelope = "ImportMessage"

    public init() {}

    public func recognize(_ prologue: XMLPrologue) -> XMLRecognition? {
        guard let root = prologue.root else { return nil }
        if isDecMessage(root) { return .declarations(messageType: Self.messageType) }
        if root.name == Self.envelope, root.namespace == nil, prologue.startTags.contains(where: isDecMessage) {
            return .declarations(messageType: Self.messageType)
        }
        return nil
    }

    public func readsPastRoot(_ root: XMLStartTag) -> Bool {
        root.name == Self.envelope && root.namespace == nil
    }

    public func role(for tag: XMLStartTag) -> XMLNodeRole {
        isDecMessage(tag) ? .record : .descend
    }

    func isDecMessage(_ tag: XMLStartTag) -> Bool {
        tag.name == Self.messageType && (tag.namespace == nil || tag.namespace == Self.namespace)
    }

    public func harmonize(_ record: XMLElement, context: inout HarmonizeContext) -> [DeclarationDraft] {
        var draft = DeclarationDraft(format: format, messageType: Self.messageType, file: context.file, line: record.line)
        let codeLists = context.codeLists
        draft.declaration.declaringCountry = DeclarationDraft.china
        let head = record.child("DecHead")
        let sign = record.child("DecSign")
        if head == nil {
            draft.finding("field.missing", "the DecMessage has no DecHead: no header data can be read", at: record, field: nil)
        }
        for element in [head?.child("EntryId"), head?.child("PreEntryId"), sign?.child("ClientSeqNo")] where draft.declaration.id == nil {
            draft.declaration.id = draft.text(element, field: "id")
        }
        if draft.declaration.id == nil {
            draft.missing("no declaration number: EntryId, PreEntryId and DecSign/ClientSeqNo are all empty", at: head ?? record, field: "id")
        }
        if let flag = head?.child("IEFlag"), !flag.trimmedText.isEmpty {
            draft.declaration.direction = draft.direction(flag, system: .china, codeLists: codeLists)
        } else {
            draft.missing("IEFlag is empty: the declaration does not say whether it is an import (I) or an export (E)", at: head?.child("IEFlag") ?? head ?? record, field: "direction")
        }
        draft.declaration.procedure = draft.text(head?.child("TradeMode"), field: "procedure")
        draft.declaration.customsOffice = draft.text(head?.child("CustomMaster"), field: "customsOffice")
        draft.borderCrossing(head?.child("IEPort"), codeLists: codeLists)
        readLodgement(head: head, sign: sign, codeLists: codeLists, draft: &draft)
        draft.declaration.transportMode = draft.transportMode(head?.child("TrafMode"), system: .china, codeLists: codeLists)
        draft.billOfTransport(head?.child("BillNo"))
        draft.declaration.incoterm = draft.incoterm(head?.child("TransMode"), codeLists: codeLists)
        if let head { readParties(head, draft: &draft) }
        let totals = Totals(
            grossMassKg: draft.decimal(head?.child("GrossWet"), field: "totals.grossMassKg"),
            netMassKg: draft.decimal(head?.child("NetWt"), field: "totals.netMassKg"),
            packages: draft.decimal(head?.child("PackNo"), field: "totals.packages"))
        draft.declaration.totals = totals.isEmpty ? nil : totals
        for container in record.child("DecContainers")?.children("Container") ?? [] {
            if let id = draft.text(container.child("ContainerId"), field: "containers") {
                draft.container(id, element: container.child("ContainerId"))
            }
        }
        let names = ChinaGoodsItem.Elements.decMessage
        for (index, element) in (record.child("DecLists")?.children("DecList") ?? []).enumerated() {
            draft.declaration.goodsItems.append(ChinaGoodsItem.read(element, index: index, codeLists: codeLists, draft: &draft) {
                element.child(names.name($0))
            })
        }
        draft.reportPlaceholders(in: record)
        return [draft]
    }

    /// `DecSign/SignTime` → `lodgedAt`; `DDate` → `PDate` → the date of `SignTime` → `lodgedOn`.
    func readLodgement(head: XMLElement?, sign: XMLElement?, codeLists: CodeLists, draft: inout DeclarationDraft) {
        let signed = draft.chinaTime(sign?.child("SignTime"), field: "lodgedAt", codeLists: codeLists)
        draft.declaration.lodgedAt = signed?.at
        let date = draft.chinaTime(head?.child("DDate"), field: "lodgedOn", codeLists: codeLists)?.date
            ?? draft.chinaTime(head?.child("PDate"), field: "lodgedOn", codeLists: codeLists)?.date
        draft.declaration.lodgedOn = date ?? signed?.date
        if draft.declaration.lodgedOn == nil {
            draft.missing("no lodgement date: DDate, PDate and DecSign/SignTime are all empty", at: head?.child("PDate") ?? head, field: "lodgedOn")
        }
    }

    /// The domestic trader (境内收发货人) is the exporter of an export and the importer of an
    /// import; the overseas consignor (import) or consignee (export) is the other party; the
    /// agent (申报单位) is the declarant. `OwnerName` and `CopName` stay in `asFiled`.
    func readParties(_ head: XMLElement, draft: inout DeclarationDraft) {
        let trader = draft.party(
            name: [head.child("TradeName")],
            ids: [head.child("TradeCodeScc"), head.child("TradeCoScc"), head.child("TradeCode")],
            country: DeclarationDraft.china, field: draft.declaration.direction == .import ? "importer" : "exporter")
        let declarant = draft.party(
            name: [head.child("AgentName")], ids: [head.child("AgentCodeScc"), head.child("AgentCode")],
            country: nil, field: "declarant")
        draft.declaration.declarant = declarant
        switch draft.declaration.direction {
        case .export?:
            draft.declaration.exporter = trader
            draft.declaration.importer = draft.party(
                name: [head.child("OverseasConsigneeEname"), head.child("OverseasConsigneeCname")],
                ids: [head.child("OverseasConsigneeCode")], country: nil, field: "importer")
        case .import?:
            draft.declaration.importer = trader
            draft.declaration.exporter = draft.party(
                name: [head.child("OverseasConsignorEname"), head.child("OverseasConsignorCname")],
                ids: [head.child("OverseasConsignorCode")], country: nil, field: "exporter")
        default:
            // Without a direction the trader's role is unknown: keep it as filed only.
            if let name = trader?.name { draft.declaration.asFiled.set("TradeName", name) }
            if let id = trader?.id { draft.declaration.asFiled.set("TradeCode", id) }
        }
        for name in ["OwnerName", "CopName"] {
            if let value = draft.text(head.child(name), field: "asFiled.\(name)") { draft.declaration.asFiled.set(name, value) }
        }
    }
}
