import CustomsCore
import Foundation
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

    /// The `Declaration` record (index 0 of `record`) read by index: only the fields read are
    /// decoded, as ``XMLField`` values (``XMLFlatRecord/field(at:)``).
    public func harmonize(flat record: XMLFlatRecord, context: inout HarmonizeContext) -> [DeclarationDraft] {
        let fields = CBDFields(record: record)
        var draft = DeclarationDraft(format: format, messageType: "", file: context.file, line: record.line(0))
        draft.declaration.messageType = fields.text("MessageType", field: "messageType", draft: &draft)
        if let format = fields.text("SourceFormat", field: "sourceFormat", draft: &draft) {
            draft.declaration.sourceFormat = format
        }
        draft.declaration.id = fields.text("ID", field: "id", draft: &draft)
        draft.declaration.declaringCountry = fields.text("DeclaringCountryCode", field: "declaringCountry", draft: &draft)
        draft.declaration.direction = enumValue("Direction", fields, field: "direction", draft: &draft)
        draft.declaration.procedure = fields.text("ProcedureCode", field: "procedure", draft: &draft)
        draft.declaration.customsOffice = fields.text("DeclarationOfficeID", field: "customsOffice", draft: &draft)
        if let element = fields.element("LodgementDate"), let text = draft.text(element, field: "lodgedOn") {
            if let date = LocalDateTime.parseISO(text), text.count == 10 {
                draft.declaration.lodgedOn = date.isoDate
            } else {
                draft.finding("field.invalid", "LodgementDate '\(text)' is not a date YYYY-MM-DD", at: element, field: "lodgedOn")
            }
        }
        draft.declaration.lodgedAt = timestamp("LodgementDateTime", fields, field: "lodgedAt", draft: &draft)
        draft.declaration.transportMode = enumValue("BorderTransportModeCode", fields, field: "transportMode", draft: &draft)
        draft.declaration.borderCrossing = fields.text("BorderCrossingID", field: "borderCrossing", draft: &draft)
        for (index, element) in record.children("TransportContractDocument", of: 0).enumerated() {
            let field = "transportDocuments[\(index)]"
            if let type = fields.text("TypeCode", of: element, field: field + ".type", draft: &draft),
               let number = fields.text("ID", of: element, field: field + ".number", draft: &draft) {
                draft.declaration.transportDocuments.append(TransportDocument(type: type, number: number))
            }
        }
        draft.declaration.exporter = party(record.child("Exporter", of: 0), fields, field: "exporter", draft: &draft)
        draft.declaration.importer = party(record.child("Importer", of: 0), fields, field: "importer", draft: &draft)
        draft.declaration.declarant = party(record.child("Declarant", of: 0), fields, field: "declarant", draft: &draft)
        if let invoice = record.child("Invoice", of: 0) {
            draft.declaration.invoice = Invoice(
                number: fields.text("ID", of: invoice, field: "invoice.number", draft: &draft),
                currency: fields.text("CurrencyCode", of: invoice, field: "invoice.currency", draft: &draft),
                amount: fields.decimal("Amount", of: invoice, field: "invoice.amount", draft: &draft))
        }
        draft.declaration.incoterm = fields.text("IncotermCode", field: "incoterm", draft: &draft)
        let totals = Totals(
            grossMassKg: fields.decimal("TotalGrossMassMeasure", field: "totals.grossMassKg", draft: &draft),
            netMassKg: fields.decimal("TotalNetMassMeasure", field: "totals.netMassKg", draft: &draft),
            packages: fields.decimal("TotalPackageQuantity", field: "totals.packages", draft: &draft),
            goodsItemCount: fields.integer("GoodsItemQuantity", field: "totals.goodsItemCount", draft: &draft))
        draft.declaration.totals = totals.isEmpty ? nil : totals
        draft.declaration.riskChannel = enumValue("RiskChannelCode", fields, field: "riskChannel", draft: &draft)
        for (index, element) in record.children("StatusEvent", of: 0).enumerated() {
            let field = "events[\(index)]"
            guard let milestone = fields.text("Milestone", of: element, field: field + ".milestone", draft: &draft),
                  let at = timestamp("DateTime", of: element, fields, field: field + ".at", draft: &draft) else { continue }
            draft.declaration.events.append(Event(
                milestone: milestone, at: at, location: fields.text("Location", of: element, field: field + ".location", draft: &draft),
                zoneAssumed: fields.trimmedText("ZoneAssumed", of: element) == "true"))
        }
        if let shipment = record.child("GoodsShipment", of: 0) {
            if let consignment = record.child("Consignment", of: shipment) {
                for equipment in record.children("TransportEquipment", of: consignment) {
                    if let id = fields.text("ID", of: equipment, field: "containers", draft: &draft) { draft.declaration.containers.append(id) }
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
        item.sequence = fields.integer("SequenceNumeric", of: element, field: field + ".sequence", draft: &draft)
        item.hsCode = fields.text("HSSubheadingCode", of: element, field: field + ".hsCode", draft: &draft)
        item.nationalCode = fields.text("NationalCommodityCode", of: element, field: field + ".nationalCode", draft: &draft)
        item.description = fields.text("Description", of: element, field: field + ".description", draft: &draft)
        item.originCountry = fields.text("OriginCountryCode", of: element, field: field + ".originCountry", draft: &draft)
        item.quantity = fields.decimal("Quantity", of: element, field: field + ".quantity", draft: &draft)
        item.unit = fields.text("UnitCode", of: element, field: field + ".unit", draft: &draft)
        item.grossMassKg = fields.decimal("GrossMassMeasure", of: element, field: field + ".grossMassKg", draft: &draft)
        item.netMassKg = fields.decimal("NetMassMeasure", of: element, field: field + ".netMassKg", draft: &draft)
        item.packages = fields.decimal("PackageQuantity", of: element, field: field + ".packages", draft: &draft)
        let unitPrice = fields.element("UnitPriceAmount", of: element)
        item.unitPrice = draft.decimal(unitPrice, field: field + ".unitPrice")
        if item.unitPrice != nil, let unitPrice {
            item.noteUnitPriceDecimals(ExactDecimal.writtenDecimals(unitPrice.trimmedText))
        }
        item.value = fields.decimal("ValueAmount", of: element, field: field + ".value", draft: &draft)
        item.currency = fields.text("CurrencyCode", of: element, field: field + ".currency", draft: &draft)
        item.asFiled = asFiled(fields.record.child("AsFiled", of: element), fields.record)
        return item
    }

    func party(_ element: Int?, _ fields: CBDFields, field: String, draft: inout DeclarationDraft) -> Party? {
        guard let element else { return nil }
        let party = Party(
            name: fields.text("Name", of: element, field: field + ".name", draft: &draft),
            id: fields.text("ID", of: element, field: field + ".id", draft: &draft),
            country: fields.text("CountryCode", of: element, field: field + ".country", draft: &draft))
        return party.isEmpty ? nil : party
    }

    func asFiled(_ element: Int?, _ record: XMLFlatRecord) -> AsFiled {
        guard let element else { return AsFiled([]) }
        return AsFiled(record.children("Value", of: element).map { (record.attribute("name", of: $0) ?? "", record.text($0)) })
    }

    func timestamp(_ name: String, of parent: Int = 0, _ fields: CBDFields, field: @autoclosure () -> String, draft: inout DeclarationDraft) -> Timestamp? {
        fields.value(name, of: parent, field: field(), draft: &draft, invalid: "is not an RFC 3339 time with offset", Timestamp.parseRFC3339)
    }

    func enumValue<Value: RawRepresentable<String>>(
        _ name: String, of parent: Int = 0, _ fields: CBDFields, field: @autoclosure () -> String, draft: inout DeclarationDraft
    ) -> Value? {
        fields.value(name, of: parent, field: field(), draft: &draft, invalid: "is not a known value", Value.init(rawValue:))
    }
}

/// The fields of a record read flat, by name under a parent (the record itself by default),
/// read with the ``DeclarationDraft`` helpers straight from the record.
struct CBDFields {
    let record: XMLFlatRecord

    /// The first child `name` of `parent` as a field (``XMLFlatRecord/field(at:)``).
    func element(_ name: String, of parent: Int = 0) -> XMLField? {
        record.child(name, of: parent).map { record.field(at: $0) }
    }

    /// ``DeclarationDraft/text(_:field:)`` of the first child `name` of `parent`.
    func text(_ name: String, of parent: Int = 0, field: @autoclosure () -> String, draft: inout DeclarationDraft) -> String? {
        draft.text(element(name, of: parent), field: field())
    }

    /// ``DeclarationDraft/decimal(_:field:)`` of the first child `name` of `parent`.
    func decimal(_ name: String, of parent: Int = 0, field: @autoclosure () -> String, draft: inout DeclarationDraft) -> Decimal? {
        draft.decimal(element(name, of: parent), field: field())
    }

    /// ``DeclarationDraft/integer(_:field:)`` of the first child `name` of `parent`.
    func integer(_ name: String, of parent: Int = 0, field: @autoclosure () -> String, draft: inout DeclarationDraft) -> Int? {
        draft.integer(element(name, of: parent), field: field())
    }

    /// The first child `name` of `parent` read by `parse`; `field.invalid` ("NAME 'TEXT' `invalid`")
    /// when its text does not parse.
    func value<Value>(
        _ name: String, of parent: Int, field: @autoclosure () -> String, draft: inout DeclarationDraft,
        invalid: String, _ parse: (String) -> Value?
    ) -> Value? {
        guard let element = element(name, of: parent), let text = draft.text(element, field: field()) else { return nil }
        guard let value = parse(text) else {
            draft.finding("field.invalid", "\(element.name) '\(text)' \(invalid)", at: element, field: field())
            return nil
        }
        return value
    }

    /// The trimmed text of the first child `name` of `parent`.
    func trimmedText(_ name: String, of parent: Int) -> String? {
        record.child(name, of: parent).map(record.trimmedText)
    }
}
