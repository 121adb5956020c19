import CustomsCore
public import CustomsXML

/// Reads the WCO Data Model goods declaration (DEC-DMS, as the UK's CDS publishes it): a
/// `Declaration` in `urn:wco:datamodel:WCO:DEC-DMS:2`, bare or inside the `MetaData` envelope
/// (`urn:wco:datamodel:WCO:DocumentMetaData-DMS:2`), whose `ResponsibleCountryCode` names the
/// declaring authority. One record per `Declaration`.
///
/// Mapping (DOMAIN.md, "Field mapping" → WCO DM):
/// - `id`: `FunctionalReferenceID`; `direction`: the first two letters of `TypeCode`
///   (`Schemas/codelists/directions.csv`, system `wco`: EX export, IM import; anything else is
///   `code.direction`).
/// - `declaringCountry`: the envelope's `ResponsibleCountryCode` (ISO alpha-2); a bare
///   declaration leaves it out.
/// - `procedure`: the first goods item's `GovernmentProcedure` `CurrentCode` followed by its
///   `PreviousCode` (DE 1/10, e.g. `1040`).
/// - `customsOffice`: `DeclarationOffice/ID`; `ExitOffice/ID` stays in `asFiled`.
/// - `lodgedAt`/`lodgedOn`: `IssueDateTime/DateTimeString` — format code 304
///   (`yyyyMMddHHmmss` with a `±hh[mm]` or `Z` offset) gives both, 102 (`yyyyMMdd`) the date only;
///   no issue date, no lodgement.
/// - `transportMode`: `BorderTransportMeans/ModeCode` (UN/ECE Rec 19).
/// - Parties: `Exporter`, `Declarant` (declaration or goods shipment level), `Importer`, else the
///   goods shipment's `Consignee` → importer; `Name`, `ID` (EORI as filed), `Address/CountryCode`.
/// - `invoice`: `InvoiceAmount` and its `currencyID`; `incoterm`: `TradeTerms/ConditionCode`.
/// - `totals`: `TotalGrossMassMeasure`, `TotalPackageQuantity`, `GoodsItemQuantity`.
/// - `containers`: `GoodsShipment/Consignment/TransportEquipment/ID`.
/// - Goods items: ``WCOGoodsItemReader``.
public struct WCODeclarationAdapter: XMLFormatAdapter {
    public let format = "wco-dms"
    static let declarationNamespace = "urn:wco:datamodel:WCO:DEC-DMS:2"
    static let metadataNamespace = "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2"

    public init() {}

    public func recognize(_ prologue: XMLPrologue) -> XMLRecognition? {
        guard let root = prologue.root else { return nil }
        if root.name == "Declaration", root.namespace == Self.declarationNamespace {
            return .declarations(messageType: "Declaration")
        }
        guard root.name == "MetaData", root.namespace == Self.metadataNamespace else { return nil }
        if prologue.startTags.contains(where: { $0.name == "Declaration" && $0.namespace == Self.declarationNamespace }) {
            return .declarations(messageType: "Declaration")
        }
        return .notADeclaration(messageType: "MetaData", what: "a WCO Data Model envelope without a declaration (a response or another message)")
    }

    public func readsPastRoot(_ root: XMLStartTag) -> Bool {
        root.name == "MetaData" && root.namespace == Self.metadataNamespace
    }

    public func role(for tag: XMLStartTag) -> XMLNodeRole {
        if tag.name == "Declaration", tag.namespace == Self.declarationNamespace { return .record }
        if tag.name == "ResponsibleCountryCode", tag.namespace == Self.metadataNamespace { return .record }
        return .descend
    }

    public func harmonize(_ record: XMLElement, context: inout HarmonizeContext) -> [DeclarationDraft] {
        if record.name == "ResponsibleCountryCode" {
            context.retained["ResponsibleCountryCode"] = record
            return []
        }
        let codes = context.codeLists
        var draft = DeclarationDraft(format: format, messageType: "Declaration", file: context.file, line: record.line)
        draft.declaration.id = draft.text(record.child("FunctionalReferenceID"), field: "id")
        readDirection(record.child("TypeCode"), codes: codes, draft: &draft)
        if let responsible = context.retained["ResponsibleCountryCode"] {
            draft.declaration.declaringCountry = draft.headerCountry(
                responsible, authority: nil, codeLists: codes, field: "declaringCountry")
        }
        draft.declaration.customsOffice = draft.text(record.path("DeclarationOffice", "ID"), field: "customsOffice")
        if let exit = draft.text(record.path("ExitOffice", "ID"), field: "asFiled") {
            draft.declaration.asFiled.set("ExitOffice/ID", exit)
        }
        WCOIssueDateTime.read(record.path("IssueDateTime", "DateTimeString"), into: &draft)
        draft.declaration.transportMode = draft.transportMode(
            record.path("BorderTransportMeans", "ModeCode"), system: .rec19, codeLists: codes)
        let shipment = record.child("GoodsShipment")
        let parties = WCOPartyReader(codes: codes)
        draft.declaration.exporter = parties.read(record.child("Exporter") ?? shipment?.child("Exporter"), field: "exporter", draft: &draft)
        draft.declaration.importer = parties.read(
            record.child("Importer") ?? shipment?.child("Importer") ?? shipment?.child("Consignee"), field: "importer", draft: &draft)
        draft.declaration.declarant = parties.read(record.child("Declarant") ?? shipment?.child("Declarant"), field: "declarant", draft: &draft)
        if let amount = record.child("InvoiceAmount") {
            let invoice = Invoice(
                currency: WCOAmount.currency(amount, codes: codes, field: "invoice.currency", draft: &draft),
                amount: draft.decimal(amount, field: "invoice.amount"))
            draft.declaration.invoice = invoice.isEmpty ? nil : invoice
        }
        draft.declaration.incoterm = draft.text(shipment?.path("TradeTerms", "ConditionCode"), field: "incoterm")
        let totals = Totals(
            grossMassKg: WCOAmount.kilograms(record.child("TotalGrossMassMeasure"), field: "totals.grossMassKg", draft: &draft),
            packages: draft.decimal(record.child("TotalPackageQuantity"), field: "totals.packages"),
            goodsItemCount: draft.integer(record.child("GoodsItemQuantity"), field: "totals.goodsItemCount"))
        draft.declaration.totals = totals.isEmpty ? nil : totals
        for equipment in shipment?.child("Consignment")?.children("TransportEquipment") ?? [] {
            draft.addContainer(equipment.child("ID"))
        }
        let items = shipment?.children("GovernmentAgencyGoodsItem") ?? []
        if let procedure = items.first?.children("GovernmentProcedure").first(where: { $0.child("PreviousCode") != nil }) ?? items.first?.child("GovernmentProcedure") {
            let current = draft.text(procedure.child("CurrentCode"), field: "procedure") ?? ""
            let previous = draft.text(procedure.child("PreviousCode"), field: "procedure") ?? ""
            draft.declaration.procedure = current.isEmpty ? nil : current + previous
        }
        let reader = WCOGoodsItemReader(codes: codes)
        for (index, element) in items.enumerated() {
            draft.declaration.goodsItems.append(reader.read(element, field: "goodsItems[\(index)]", draft: &draft))
        }
        if items.isEmpty {
            draft.missing("the Declaration has no GoodsShipment/GovernmentAgencyGoodsItem", at: shipment ?? record, field: "goodsItems")
        }
        return [draft]
    }

    func readDirection(_ element: XMLElement?, codes: CodeLists, draft: inout DeclarationDraft) {
        guard let element, let raw = draft.text(element, field: "direction") else {
            draft.missing("the Declaration has no TypeCode: its direction is unknown", at: element, field: "direction")
            return
        }
        draft.declaration.asFiled.set("TypeCode", raw)
        guard let direction = codes.direction(String(raw.prefix(2)).uppercased(), in: .wco) else {
            draft.finding("code.direction", "TypeCode '\(raw)' begins with neither EX (export) nor IM (import)", at: element, field: "direction")
            return
        }
        draft.declaration.direction = direction
    }
}
