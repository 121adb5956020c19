import CustomsCore
public import CustomsXML

/// Reads the EAEU goods declaration `ESADout_CU` (the Customs Union's electronic declaration of
/// the Russian customs format album), bare or inside the `ED_Container` exchange envelope
/// (documents under `ContainerDoc/DocBody`).
///
/// The root (or the envelope's document) is matched by its namespace prefix
/// `urn:customs.ru:Information:CustomsDocuments:ESADout_CU:` whatever the album version; every
/// child is read by local name, since the common-aggregate namespaces (`cat_ru`, `catESAD_cu`,
/// `RUScat_ru`) change between versions. One record per `ESADout_CU`.
///
/// Mapping (DOMAIN.md, "Field mapping" → EAEU `ESADout_CU`):
/// - `id`: `cat_ru:DocumentID` (the album's document carries no registration number).
/// - `direction`: `CustomsProcedure` ИМ/ЭК/ТТ (or the Latin IM/EK/TT); when it is absent, the
///   procedure code `CustomsModeCode` 40/10/80; both are checked against each other
///   (`code.direction`). `procedure`: `CustomsModeCode` as filed.
/// - `declaringCountry`: for a transit declaration, the departure border office `PPBorderCustoms`
///   (`CustomsCountryCode`, ISO 3166 numeric) — also `customsOffice`; the destination office
///   `TDDeliveryPlace/DeliveryCustomsOffice` and `RecipientCountryCode` stay in `asFiled`.
///   Otherwise `RecipientCountryCode`, the country of the customs authority the declaration is
///   submitted to.
/// - `lodgedAt`/`lodgedOn`: `EECEDocHeaderAddInfo/EDocDateTime`, without offset, read in that
///   authority's zone (`timing.zone-assumed`), also a `lodgement` event with `zoneAssumed`.
/// - A transit declaration's delivery deadline `DateExpectedArrival` + `TimeExpectedArrival`
///   is kept in `asFiled`.
/// - Parties, transport, invoice, totals and goods: see ``ESADShipmentReader``.
///
/// Codes: countries and currencies in ISO alpha or ISO numeric (`.isoNumeric`), units OKEI and
/// transport modes of the EAEU classifier (`.eaeu`), all from `Schemas/codelists/`.
public struct ESADAdapter: XMLFormatAdapter {
    public let format = "eaeu-esad"
    static let namespacePrefix = "urn:customs.ru:Information:CustomsDocuments:ESADout_CU:"
    static let envelopePrefix = "urn:customs.ru:Information:ExchangeDocuments:ED_Container:"

    public init() {}

    public func recognize(_ prologue: XMLPrologue) -> XMLRecognition? {
        guard let root = prologue.root else { return nil }
        if isDeclaration(root) { return .declarations(messageType: "ESADout_CU") }
        guard root.name == "ED_Container", root.namespace?.hasPrefix(Self.envelopePrefix) == true else { return nil }
        if prologue.startTags.contains(where: isDeclaration) { return .declarations(messageType: "ESADout_CU") }
        return nil
    }

    public func readsPastRoot(_ root: XMLStartTag) -> Bool {
        root.name == "ED_Container" && root.namespace?.hasPrefix(Self.envelopePrefix) == true
    }

    public func role(for tag: XMLStartTag) -> XMLNodeRole {
        isDeclaration(tag) ? .record : .descend
    }

    func isDeclaration(_ tag: XMLStartTag) -> Bool {
        tag.name == "ESADout_CU" && tag.namespace?.hasPrefix(Self.namespacePrefix) == true
    }

    public func harmonize(_ record: XMLElement, context: inout HarmonizeContext) -> [DeclarationDraft] {
        let codes = context.codeLists
        var draft = DeclarationDraft(format: format, messageType: "ESADout_CU", file: context.file, line: record.line)
        draft.declaration.id = draft.text(record.child("DocumentID"), field: "id")
        readDirection(record, codes: codes, draft: &draft)
        let shipment = record.child("ESADout_CUGoodsShipment")
        let consignment = shipment?.child("ESADout_CUConsigment")
        readAuthority(record, consignment: consignment, codes: codes, draft: &draft)
        let edoc = record.path("EECEDocHeaderAddInfo", "EDocDateTime")
        let lodged = draft.dateTime(edoc, country: draft.declaration.declaringCountry, codeLists: codes, field: "lodgedAt")
        draft.declaration.lodgedOn = lodged.local?.isoDate
        if let at = lodged.timestamp {
            draft.declaration.lodgedAt = at
            draft.declaration.events.append(Event(
                milestone: "lodgement", at: at, location: draft.declaration.customsOffice, zoneAssumed: lodged.zoneAssumed))
        }
        for name in ["DateExpectedArrival", "TimeExpectedArrival"] {
            if let element = consignment?.child(name), let raw = draft.text(element, field: "asFiled") {
                draft.declaration.asFiled.set(name, raw)
            }
        }
        if let shipment {
            ESADShipmentReader(codes: codes).read(shipment, into: &draft)
        } else {
            draft.missing("ESADout_CU has no ESADout_CUGoodsShipment: no parties, goods or totals", at: record, field: "goodsItems")
        }
        return [draft]
    }

    /// `CustomsProcedure` → direction; `CustomsModeCode` → procedure, and direction when needed.
    func readDirection(_ record: XMLElement, codes: CodeLists, draft: inout DeclarationDraft) {
        let procedureElement = record.child("CustomsProcedure")
        var direction = draft.direction(procedureElement, system: .eaeu, codeLists: codes)
        let modeElement = record.child("CustomsModeCode")
        if let mode = draft.text(modeElement, field: "procedure") {
            draft.declaration.procedure = mode
            if let byMode = codes.direction(mode, in: .eaeu) {
                if direction == nil, (procedureElement?.trimmedText ?? "").isEmpty {
                    direction = byMode
                } else if let direction, direction != byMode {
                    draft.finding(
                        "code.direction",
                        "CustomsProcedure '\(procedureElement?.trimmedText ?? "")' (\(direction.rawValue)) contradicts CustomsModeCode '\(mode)' (\(byMode.rawValue))",
                        at: modeElement, field: "direction")
                }
            }
        }
        if let element = record.child("TransitDirectionCode"), let raw = draft.text(element, field: "asFiled") {
            draft.declaration.asFiled.set("TransitDirectionCode", raw)
        }
        draft.declaration.direction = direction
        if direction == nil, procedureElement == nil, draft.declaration.procedure == nil {
            draft.missing("ESADout_CU has neither CustomsProcedure nor CustomsModeCode: its direction is unknown", at: record, field: "direction")
        }
    }

    /// The declaring authority: the departure border office of a transit declaration, else the
    /// recipient country of the document.
    func readAuthority(_ record: XMLElement, consignment: XMLElement?, codes: CodeLists, draft: inout DeclarationDraft) {
        let recipient = record.child("RecipientCountryCode")
        if draft.declaration.direction == .transit {
            let office = consignment?.child("PPBorderCustoms")
            draft.declaration.customsOffice = draft.text(office?.child("Code"), field: "customsOffice")
            draft.declaration.declaringCountry = draft.headerCountry(
                office?.child("CustomsCountryCode")?.named("PPBorderCustoms/CustomsCountryCode"), authority: .isoNumeric,
                codeLists: codes, field: "declaringCountry")
            if office == nil {
                draft.missing("the transit declaration names no departure border office (PPBorderCustoms): its declaring country is unknown", at: consignment ?? record, field: "declaringCountry")
            }
            if let recipient, let raw = draft.text(recipient, field: "asFiled") {
                draft.declaration.asFiled.set("RecipientCountryCode", raw)
            }
            if let delivery = consignment?.path("TDDeliveryPlace", "DeliveryCustomsOffice") {
                for name in ["Code", "CustomsCountryCode"] {
                    if let element = delivery.child(name), let raw = draft.text(element, field: "asFiled") {
                        draft.declaration.asFiled.set("DeliveryCustomsOffice/\(name)", raw)
                    }
                }
            }
        } else {
            draft.declaration.declaringCountry = draft.headerCountry(
                recipient, authority: .isoNumeric, codeLists: codes, field: "declaringCountry")
        }
    }
}
