import CustomsCore
public import CustomsXML

/// Reads cbd-xml, the shared schema's own XML (`Schemas/cbd.xsd`): a `Declarations` batch or a
/// single `Declaration`, one record per `Declaration`, streamed.
///
/// Codes are already international here, so they are checked, not mapped: an unknown direction,
/// mode, milestone or malformed time is `field.invalid`; code-list membership (ISO, HS) is left
/// to the code-list rules.
public struct CBDXMLAdapter: FlatRecordAdapter {
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

    /// The record's tree read flat: one reading, ``harmonize(flat:context:)``.
    public func harmonize(_ record: XMLElement, context: inout HarmonizeContext) -> [DeclarationDraft] {
        harmonize(flat: XMLFlatRecord(record), context: &context)
    }

    /// The `Declaration` record (index 0 of `record`) read by index: only the fields read become
    /// ``XMLElement`` values, with what reading a value looks at (``XMLFlatRecord/fieldElement(at:)``).
    public func harmonize(flat record: XMLFlatRecord, context: inout HarmonizeContext) -> [DeclarationDraft] {
        let fields = CBDFields(record: record)
        var draft = DeclarationDraft(format: format, messageType: "", file: context.file, line: record.line(0))
        draft.declaration.messageType = draft.text(fields.field("MessageType"), field: "messageType")
        if let format = draft.text(fields.field("SourceFormat"), field: "sourceFormat") {
            draft.declaration.sourceFormat = format
        }
        draft.declaration.id = draft.text(fields.field("ID"), field: "id")
        draft.declaration.declaringCountry = draft.text(fields.field("DeclaringCountryCode"), field: "declaringCountry")
        draft.declaration.direction = enumValue(fields.field("Direction"), field: "direction", draft: &draft)
        draft.declaration.procedure = draft.text(fields.field("ProcedureCode"), field: "procedure")
        draft.declaration.customsOffice = draft.text(fields.field("DeclarationOfficeID"), field: "customsOffice")
        if let element = fields.field("LodgementDate"), let text = draft.text(element, field: "lodgedOn") {
            if let date = LocalDateTime.parseISO(text), text.count == 10 {
                draft.declaration.lodgedOn = date.isoDate
            } else {
                draft.finding("field.invalid", "LodgementDate '\(text)' is not a date YYYY-MM-DD", at: element, field: "lodgedOn")
            }
        }
        draft.declaration.lodgedAt = timestamp(fields.field("LodgementDateTime"), field: "lodgedAt", draft: &draft)
        draft.declaration.transportMode = enumValue(fields.field("BorderTransportModeCode"), field: "transportMode", draft: &draft)
        draft.declaration.borderCrossing = draft.text(fields.field("BorderCrossingID"), field: "borderCrossing")
        for (index, element) in record.children("TransportContractDocument", of: 0).enumerated() {
            let field = "transportDocuments[\(index)]"
            if let type = draft.text(fields.field("TypeCode", of: element), field: field + ".type"),
               let number = draft.text(fields.field("ID", of: element), field: field + ".number") {
                draft.declaration.transportDocuments.append(TransportDocument(type: type, number: number))
            }
        }
        draft.declaration.exporter = party(record.child("Exporter", of: 0), fields, field: "exporter", draft: &draft)
        draft.declaration.importer = party(record.child("Importer", of: 0), fields, field: "importer", draft: &draft)
        draft.declaration.declarant = party(record.child("Declarant", of: 0), fields, field: "declarant", draft: &draft)
        if let invoice = record.child("Invoice", of: 0) {
            draft.declaration.invoice = Invoice(
                number: draft.text(fields.field("ID", of: invoice), field: "invoice.number"),
                currency: draft.text(fields.field("CurrencyCode", of: invoice), field: "invoice.currency"),
                amount: draft.decimal(fields.field("Amount", of: invoice), field: "invoice.amount"))
        }
        draft.declaration.incoterm = draft.text(fields.field("IncotermCode"), field: "incoterm")
        let totals = Totals(
            grossMassKg: draft.decimal(fields.field("TotalGrossMassMeasure"), field: "totals.grossMassKg"),
            netMassKg: draft.decimal(fields.field("TotalNetMassMeasure"), field: "totals.netMassKg"),
            packages: draft.decimal(fields.field("TotalPackageQuantity"), field: "totals.packages"),
            goodsItemCount: draft.integer(fields.field("GoodsItemQuantity"), field: "totals.goodsItemCount"))
        draft.declaration.totals = totals.isEmpty ? nil : totals
        draft.declaration.riskChannel = enumValue(fields.field("RiskChannelCode"), field: "riskChannel", draft: &draft)
        for (index, element) in record.children("StatusEvent", of: 0).enumerated() {
            let field = "events[\(index)]"
            guard let milestone = draft.text(fields.field("Milestone", of: element), field: field + ".milestone"),
                  let at = timestamp(fields.field("DateTime", of: element), field: field + ".at", draft: &draft) else { continue }
            draft.declaration.events.append(Event(
                milestone: milestone, at: at, location: draft.text(fields.field("Location", of: element), field: field + ".location"),
                zoneAssumed: fields.trimmedText("ZoneAssumed", of: element) == "true"))
        }
        if let shipment = record.child("GoodsShipment", of: 0) {
            if let consignment = record.child("Consignment", of: shipment) {
                for equipment in record.children("TransportEquipment", of: consignment) {
                    if let id = draft.text(fields.field("ID", of: equipment), field: "containers") { draft.declaration.containers.append(id) }
                }
            }
            let items = record.children("GovernmentAgencyGoodsItem", of: shipment)
            draft.declaration.goodsItems.reserveCapacity(items.count)
            for (index, element) in items.enumerated() {
                draft.declaration.goodsItems.append(goodsItem(element, fields, field: "goodsItems[\(index)]", draft: &draft))
            }
        }
        draft.declaration.asFiled = asFiled(record.child("AsFiled", of: 0), record)
        return [draft]
    }

    func goodsItem(_ element: Int, _ fields: CBDFields, field: String, draft: inout DeclarationDraft) -> GoodsItem {
        var item = GoodsItem()
        item.sourceLine = fields.record.line(element)
        item.sequence = draft.integer(fields.field("SequenceNumeric", of: element), field: field + ".sequence")
        item.hsCode = draft.text(fields.field("HSSubheadingCode", of: element), field: field + ".hsCode")
        item.nationalCode = draft.text(fields.field("NationalCommodityCode", of: element), field: field + ".nationalCode")
        item.description = draft.text(fields.field("Description", of: element), field: field + ".description")
        item.originCountry = draft.text(fields.field("OriginCountryCode", of: element), field: field + ".originCountry")
        item.quantity = draft.decimal(fields.field("Quantity", of: element), field: field + ".quantity")
        item.unit = draft.text(fields.field("UnitCode", of: element), field: field + ".unit")
        item.grossMassKg = draft.decimal(fields.field("GrossMassMeasure", of: element), field: field + ".grossMassKg")
        item.netMassKg = draft.decimal(fields.field("NetMassMeasure", of: element), field: field + ".netMassKg")
        item.packages = draft.decimal(fields.field("PackageQuantity", of: element), field: field + ".packages")
        let unitPrice = fields.field("UnitPriceAmount", of: element)
        item.unitPrice = draft.decimal(unitPrice, field: field + ".unitPrice")
        if item.unitPrice != nil, let text = unitPrice?.trimmedText {
            item.noteUnitPriceDecimals(ExactDecimal.writtenDecimals(text))
        }
        item.value = draft.decimal(fields.field("ValueAmount", of: element), field: field + ".value")
        item.currency = draft.text(fields.field("CurrencyCode", of: element), field: field + ".currency")
        item.asFiled = asFiled(fields.record.child("AsFiled", of: element), fields.record)
        return item
    }

    func party(_ element: Int?, _ fields: CBDFields, field: String, draft: inout DeclarationDraft) -> Party? {
        guard let element else { return nil }
        let party = Party(
            name: draft.text(fields.field("Name", of: element), field: field + ".name"),
            id: draft.text(fields.field("ID", of: element), field: field + ".id"),
            country: draft.text(fields.field("CountryCode", of: element), field: field + ".country"))
        return party.isEmpty ? nil : party
    }

    func asFiled(_ element: Int?, _ record: XMLFlatRecord) -> AsFiled {
        guard let element else { return AsFiled([]) }
        return AsFiled(record.children("Value", of: element).map { (record.attribute("name", of: $0) ?? "", record.text($0)) })
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

/// The fields of a record read flat, by name under a parent (the record itself by default).
struct CBDFields {
    let record: XMLFlatRecord

    /// The first child `name` of `parent` as a field's value (``XMLFlatRecord/fieldElement(at:)``).
    func field(_ name: String, of parent: Int = 0) -> XMLElement? {
        record.child(name, of: parent).map { record.fieldElement(at: $0) }
    }

    /// The trimmed text of the first child `name` of `parent`.
    func trimmedText(_ name: String, of parent: Int) -> String? {
        record.child(name, of: parent).map { XMLText.trimmed(record.text($0)) }
    }
}
