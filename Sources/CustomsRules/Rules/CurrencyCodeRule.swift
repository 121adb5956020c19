public import CustomsCore

/// `code.currency`: the invoice currency and each goods item's currency are current ISO 4217
/// alphabetic codes (`Schemas/codelists/iso-4217-currencies.csv`, datasets/currency-codes;
/// withdrawn codes such as RUR are refused).
public struct CurrencyCodeRule: DeclarationRule {
    public let codes = ["code.currency"]
    public let layer = RuleLayer.codeLists
    public let source = "ISO 4217 alphabetic codes in use (Schemas/codelists/iso-4217-currencies.csv)"

    public init() {}

    public func check(_ declaration: Declaration, in context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let table = context.tables.shortCodes
        func check(_ value: String?, field: String, item: GoodsItem? = nil) {
            guard let value, !table.isCurrency(value) else { return }
            findings.append(FindingPlace.finding(
                "code.currency", "\(field) \(FindingPlace.quoted(value)) is not an ISO 4217 currency code in use (three capital letters, e.g. CNY, KZT, USD)",
                in: declaration, item: item, field: field))
        }
        check(declaration.invoice?.currency, field: "invoice.currency")
        let items = declaration.goodsItems
        for index in items.indices {
            // The item itself is fetched only for a finding (no copy of each item).
            guard let currency = items[index].currency, !table.isCurrency(currency) else { continue }
            check(currency, field: "goodsItems[\(index)].currency", item: items[index])
        }
        return findings
    }
}
