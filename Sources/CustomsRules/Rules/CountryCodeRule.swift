public import CustomsCore

/// `code.country`: every country of the declaration — declaring country, parties' countries,
/// goods items' origin — is an ISO 3166-1 alpha-2 code (`Schemas/codelists/iso-3166-countries.csv`,
/// from the datasets/country-codes package). National codes were mapped by the adapters, which
/// report what they could not map; this rule checks what arrived as ISO already (cbd-xml, CSV).
public struct CountryCodeRule: DeclarationRule {
    public let codes = ["code.country"]
    public let layer = RuleLayer.codeLists
    public let source = "ISO 3166-1 alpha-2 (Schemas/codelists/iso-3166-countries.csv)"

    public init() {}

    public func check(_ declaration: Declaration, in context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let table = context.tables.shortCodes
        func check(_ value: String?, field: String, item: GoodsItem? = nil) {
            guard let value, !table.isCountry(value) else { return }
            findings.append(FindingPlace.finding(
                "code.country", "\(field) \(FindingPlace.quoted(value)) is not an ISO 3166-1 alpha-2 country code (two capital letters, e.g. CN, KZ)",
                in: declaration, item: item, field: field))
        }
        check(declaration.declaringCountry, field: "declaringCountry")
        check(declaration.exporter?.country, field: "exporter.country")
        check(declaration.importer?.country, field: "importer.country")
        check(declaration.declarant?.country, field: "declarant.country")
        let items = declaration.goodsItems
        for index in items.indices {
            // The item itself is fetched only for a finding (no copy of each item).
            guard let origin = items[index].originCountry, !table.isCountry(origin) else { continue }
            check(origin, field: "goodsItems[\(index)].originCountry", item: items[index])
        }
        return findings
    }
}
