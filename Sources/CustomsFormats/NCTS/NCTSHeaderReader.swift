import CustomsCore
import CustomsXML

/// What every NCTS transit message says about the declaration it concerns: its identity, the
/// office of departure and the country that office belongs to.
///
/// - `id`: `TransitOperation/MRN`, else `TransitOperation/LRN` (the LRN is then kept in
///   `asFiled` too, so the declaration can be found by either).
/// - `direction`: transit. `procedure`: `TransitOperation/declarationType` (T1, T2, TIR, ...).
/// - `customsOffice`: `CustomsOfficeOfDeparture/referenceNumber`; `declaringCountry`: its first
///   two letters, an ISO 3166-1 code, except `XI` (Northern Ireland in EU customs), which is GB
///   with `XI` kept in `asFiled`. Letters that are no country are `code.country`.
struct NCTSHeaderReader {
    let codes: CodeLists

    func read(_ record: XMLElement, into draft: inout DeclarationDraft) {
        let operation = record.child("TransitOperation")
        let mrn = draft.text(operation?.child("MRN"), field: "id")
        let lrn = draft.text(operation?.child("LRN"), field: "id")
        draft.declaration.id = mrn ?? lrn
        if mrn != nil, let lrn { draft.declaration.asFiled.set("LRN", lrn) }
        draft.declaration.direction = .transit
        draft.declaration.procedure = draft.text(operation?.child("declarationType"), field: "procedure")
        let office = record.path("CustomsOfficeOfDeparture", "referenceNumber")
        draft.declaration.customsOffice = draft.text(office, field: "customsOffice")
        if let office, let reference = draft.declaration.customsOffice {
            draft.declaration.declaringCountry = country(ofOffice: reference, element: office, draft: &draft)
        } else {
            draft.missing("the message names no office of departure (CustomsOfficeOfDeparture/referenceNumber): its declaring country is unknown", at: record, field: "declaringCountry")
        }
    }

    func country(ofOffice reference: String, element: XMLElement, draft: inout DeclarationDraft) -> String? {
        let letters = String(reference.prefix(2)).uppercased()
        if letters == "XI" {
            draft.declaration.asFiled.set("CustomsOfficeOfDeparture/referenceNumber", reference)
            return "GB"
        }
        if letters.count == 2, codes.isoCountries.contains(letters) { return letters }
        draft.finding(
            "code.country",
            "CustomsOfficeOfDeparture referenceNumber '\(reference)' does not begin with an ISO 3166-1 country code (or XI for Northern Ireland)",
            at: element, field: "declaringCountry")
        return nil
    }

    /// An NCTS country field (ISO alpha-2; `XI` is GB, kept in `asFiled`).
    func country(_ element: XMLElement?, field: String, asFiledName: String, draft: inout DeclarationDraft) -> String? {
        guard let element, let raw = draft.text(element, field: field) else { return nil }
        if raw == "XI" {
            draft.declaration.asFiled.set(asFiledName, raw)
            return "GB"
        }
        guard raw.count == 2, codes.isoCountries.contains(raw) else {
            draft.declaration.asFiled.set(asFiledName, raw)
            draft.finding("code.country", "\(element.name) '\(raw)' is not an ISO 3166-1 alpha-2 country code", at: element, field: field)
            return nil
        }
        return raw
    }
}
