import CustomsCore
public import CustomsXML

/// Reads cbd-xml, the shared schema's own XML (`Schemas/cbd.xsd`): a `Declarations` batch or a
/// single `Declaration`, one record per `Declaration`, streamed.
///
/// Codes are already international here, so they are checked, not mapped: an unknown direction,
/// mode, milestone or malformed time is `field.invalid`; code-list membership (ISO, HS) is left
/// to the code-list rules.
public struct CBDXMLAdapter: XMLFormatAdapter {
    public let format = "cbd-xml"

    public init() {}

    public func readsPastRoot(_ root: XMLStartTag) -> Bool { false }

    public func recognize(_ prologue: XMLPrologue) -> XMLRecognition? {
        guard let root = prologue.root, root.namespace == CBDXML.namespace,
              root.name == "Declarations" || root.name == "Declaration" else { return nil }
        return .declarations(messageType: root.name)
    }

    public func role(for tag: XMLStartTag) -> XMLNodeRole {
        tag.name == "Declaration" && tag.namespace == CBDXML.namespace ? .record : .descend
    }

    public func harmonize(_ record: XMLElement, context: inout HarmonizeContext) -> [DeclarationDraft] {
        var draft = DeclarationDraft(format: format, messageType: "", file: context.file, line: record.line)
        draft.declaration.messageType = draft.text(record.child("MessageType"), field: "messageType")
        if let format = draft.text(record.child("SourceFormat"), field: "sourceFormat") {
            draft.declaration.sourceFormat = format
        }
        draft.declaration.id = draft.text(record.child("ID"), field: "id")
        draft.declaration.declaringCountry = draft.text(record.child("DeclaringCountryCode"), field: "declaringCountry")
        draft.declaration.direction = enumValue(record.child("Direction"), field: "direction", draft: &draft)
        draft.declaration.procedure = draft.text(record.child("ProcedureCode"), field: "procedure")
        draft.declaration.customsOffice = draft.text(record.child("DeclarationOfficeID"), field: "customsOffice")
        if let element = record.child("LodgementDate"), let text = draft.text(element, field: "lodgedOn") {
            if let date = LocalDateTime.parseISO(text), text.count == 10 {
                draft.declaration.lodgedOn = date.isoDate
            } else {
                draft.finding("field.invalid", "LodgementDate '\(text)' is not a date YYYY-MM-DD", at: element, field: "lodgedOn")
            }
        }
        draft.declaration.lodgedAt = timestamp(record.child("LodgementDateTime"), field: "lodgedAt", draft: &draft)
        draft.declaration.transportMode = enumValue(record.child("BorderTransportModeCode"), field: "transportMode", draft: &draft)
        draft.declaration.borderCrossing = draft.text(record.child("BorderCrossingID"), field: "borderCrossing")
        for (index, element) in record.children("TransportContractDocument").enumerated() {
            let field = "transportDocuments[\(index)]"
            if let type = draft.text(element.child("TypeCode"), field: field + ".type"),
               let number = draft.text(element.child("ID"), field: field + ".number") {
                draft.declaration.transportDocuments.append(TransportDocument(type: type, number: number))
            }
        }
        draft.declaration.exporter = party(record.child("Exporter"), field: "exporter", draft: &draft)
        draft.declaration.importer = party(record.child("Importer"), field: "importer", draft: &draft)
        draft.declaration.declarant = party(record.child("Declarant"), field: "declarant", draft: &draft)
        if let invoice = record.child("Invoice") {
            draft.declaration.invoice = Invoice(
                number: draft.text(invoice.child("ID"), field: "invoice.number"),
                currency: draft.text(invoice.child("CurrencyCode"), field: "invoice.currency"),
                amount: draft.decimal(invoice.child("Amount"), field: "invoice.amount"))
        }
        draft.declaration.incoterm = draft.text(record.child("IncotermCode"), field: "incoterm")
        let totals = Totals(
            grossMassKg: draft.decimal(record.child("TotalGrossMassMeasure"), field: "totals.grossMassKg"),
            netMassKg: draft.decimal(record.child("TotalNetMassMeasure"), field: "totals.netMassKg"),
            packages: draft.decimal(record.child("TotalPackageQuantity"), field: "totals.packages"),
            goodsItemCount: draft.integer(record.child("GoodsItemQuantity"), field: "totals.goodsItemCount"))
        draft.declaration.totals = totals.isEmpty ? nil : totals
        draft.declaration.riskChannel = enumValue(record.child("RiskChannelCode"), field: "riskChannel", draft: &draft)
        for (index, element) in record.children("StatusEvent").enumerated() {
            let field = "events[\(index)]"
            guard let milestone = draft.text(element.child("Milestone"), field: field + ".milestone"),
                  let at = timestamp(element.child("DateTime"), field: field + ".at", draft: &draft) else { continue }
            draft.declaration.events.append(Event(
                milestone: milestone, at: at, location: draft.text(element.child("Location"), field: field + ".location"),
                zoneAssumed: element.child("ZoneAssumed")?.trimmedText == "true"))
        }
        if let shipment = record.child("GoodsShipment") {
            for equipment in shipment.child("Consignment")?.children("TransportEquipment") ?? [] {
                if let id = draft.text(equipment.child("ID"), field: "containers") { draft.declaration.containers.append(id) }
            }
            for (index, element) in shipment.children("GovernmentAgencyGoodsItem").enumerated() {
                draft.declaration.goodsItems.append(goodsItem(element, field: "goodsItems[\(index)]", draft: &draft))
            }
        }
        draft.declaration.asFiled = asFiled(record.child("AsFiled"))
        return [draft]
    }

    func goodsItem(_ element: XMLElement, field: String, draft: inout DeclarationDraft) -> GoodsItem {
        var item = GoodsItem()
        item.sourceLine = element.line
        item.sequence = draft.integer(element.child("SequenceNumeric"), field: field + ".sequence")
        item.hsCode = draft.text(element.child("HSSubheadingCode"), field: field + ".hsCode")
        item.nationalCode = draft.text(element.child("NationalCommodityCode"), field: field + ".nationalCode")
        item.description = draft.text(element.child("Description"), field: field + ".description")
        item.originCountry = draft.text(element.child("OriginCountryCode"), field: field + ".originCountry")
        item.quantity = draft.decimal(element.child("Quantity"), field: field + ".quantity")
        item.unit = draft.text(element.child("UnitCode"), field: field + ".unit")
        item.grossMassKg = draft.decimal(element.child("GrossMassMeasure"), field: field + ".grossMassKg")
        item.netMassKg = draft.decimal(element.child("NetMassMeasure"), field: field + ".netMassKg")
        item.packages = draft.decimal(element.child("PackageQuantity"), field: field + ".packages")
        item.unitPrice = draft.decimal(element.child("UnitPriceAmount"), field: field + ".unitPrice")
        if item.unitPrice != nil, let text = element.child("UnitPriceAmount")?.trimmedText {
            item.noteUnitPriceDecimals(ExactDecimal.writtenDecimals(text))
        }
        item.value = draft.decimal(element.child("ValueAmount"), field: field + ".value")
        item.currency = draft.text(element.child("CurrencyCode"), field: field + ".currency")
        item.asFiled = asFiled(element.child("AsFiled"))
        return item
    }

    func party(_ element: XMLElement?, field: String, draft: inout DeclarationDraft) -> Party? {
        guard let element else { return nil }
        let party = Party(
            name: draft.text(element.child("Name"), field: field + ".name"),
            id: draft.text(element.child("ID"), field: field + ".id"),
            country: draft.text(element.child("CountryCode"), field: field + ".country"))
        return party.isEmpty ? nil : party
    }

    func asFiled(_ element: XMLElement?) -> AsFiled {
        AsFiled((element?.children("Value") ?? []).map { ($0.attribute("name") ?? "", $0.text) })
    }

    func timestamp(_ element: XMLElement?, field: String, draft: inout DeclarationDraft) -> Timestamp? {
        guard let element, let text = draft.text(element, field: field) else { return nil }
        guard let value = Timestamp.parseRFC3339(text) else {
            draft.finding("field.invalid", "\(element.name) '\(text)' is not an RFC 3339 time with offset", at: element, field: field)
            return nil
        }
        return value
    }

    func enumValue<Value: RawRepresentable<String>>(_ element: XMLElement?, field: String, draft: inout DeclarationDraft) -> Value? {
        guard let element, let text = draft.text(element, field: field) else { return nil }
        guard let value = Value(rawValue: text) else {
            draft.finding("field.invalid", "\(element.name) '\(text)' is not a known value", at: element, field: field)
            return nil
        }
        return value
    }
}
