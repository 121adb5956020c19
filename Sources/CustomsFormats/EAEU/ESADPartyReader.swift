import CustomsCore
import CustomsXML

/// Reads a party of an `ESADout_CU` (consignor, consignee, declarant).
///
/// - `name`: `cat_ru:OrganizationName`, else `ShortName`, byte-exact.
/// - `id`: the business number of the member state's features block, as filed:
///   `RKOrganizationFeatures/BIN` (Kazakhstan, 12 digits), `RFOrganizationFeatures/INN`
///   (Russia), `RBOrganizationFeatures/UNP` (Belarus), `KGOrganizationFeatures/KGINN`
///   (Kyrgyzstan), `RAOrganizationFeatures/UNN` (Armenia). A Kazakh individual's `IIN` is
///   personal data: it stays in `asFiled` only (masked outside `harmonize`), never in `id`.
/// - `country`: `CountryA2Code`, else the country of the first address (`SubjectAddressDetails`
///   or `Address`, `CountryCode`), ISO alpha-2 or numeric.
struct ESADPartyReader {
    let codes: CodeLists

    static let businessNumbers: [(block: String, element: String)] = [
        ("RKOrganizationFeatures", "BIN"), ("RFOrganizationFeatures", "INN"), ("RBOrganizationFeatures", "UNP"),
        ("KGOrganizationFeatures", "KGINN"), ("RAOrganizationFeatures", "UNN"),
    ]

    func read(_ element: XMLElement?, field: String, draft: inout DeclarationDraft) -> Party? {
        guard let element else { return nil }
        var party = Party()
        party.name = draft.text(element.child("OrganizationName"), field: field + ".name")
            ?? draft.text(element.child("ShortName"), field: field + ".name")
        for (block, name) in Self.businessNumbers {
            if let id = draft.text(element.path(block, name), field: field + ".id") {
                party.id = id
                break
            }
        }
        if let iin = element.path("RKOrganizationFeatures", "IIN"), let raw = draft.text(iin, field: field + ".id") {
            let name = "\(element.name)/IIN"
            draft.declaration.asFiled.set(name, raw)
            draft.declaration.personalData.insert(name)
        }
        let address = element.child("SubjectAddressDetails") ?? element.child("Address")
        let countryElement = element.child("CountryA2Code") ?? address?.child("CountryCode")
        party.country = draft.headerCountry(
            countryElement?.named("\(element.name)/\(countryElement?.name ?? "")"), authority: .isoNumeric, codeLists: codes,
            field: field + ".country")
        return party.isEmpty ? nil : party
    }
}
