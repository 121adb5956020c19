public import CustomsCore

/// `code.hs` and `code.hs-edition`: each goods item's 6-digit HS subheading exists in the
/// Harmonized System edition in force on the lodgement date — HS 2017 until 2021-12-31, HS 2022
/// from 2022-01-01 (WCO; `Schemas/codelists/harmonized-system-2017.csv` and `-2022.csv`, from
/// datasets/harmonized-system). When the date is unknown, or older than the oldest edition
/// loaded, the nearest edition is used and one `code.hs-edition` (info) says which.
public struct HSCodeRule: DeclarationRule {
    public let codes = ["code.hs", "code.hs-edition"]
    public let layer = RuleLayer.codeLists
    public let source = "WCO Harmonized System, editions 2017 and 2022 (Schemas/codelists/harmonized-system-*.csv)"

    public init() {}

    public func check(_ declaration: Declaration, in context: RuleContext) -> [Finding] {
        let editions = context.codeLists.hsEditions
        // The field path of each code is made only for a finding.
        // The items themselves are fetched only for a finding (no copy of each item).
        let goodsItems = declaration.goodsItems
        var items: [(index: Int, code: String, onHSCode: Bool)] = []
        for index in goodsItems.indices {
            if let found = Self.subheadingCode(of: goodsItems[index]) { items.append((index, found.code, found.onHSCode)) }
        }
        let lodged = declaration.lodgedOn ?? declaration.lodgedAt?.local.isoDate
        guard !items.isEmpty, let choice = HSEditionChoice.choose(lodgedOn: lodged, editions: Array(editions.keys)),
              let subheadings = editions[choice.year]
        else { return [] }
        var findings: [Finding] = []
        if let note = choice.note {
            findings.append(FindingPlace.finding("code.hs-edition", note, in: declaration, field: "lodgedOn"))
        }
        let inForce = choice.note == nil ? ", in force on the lodgement date \(lodged ?? "")" : ""
        for entry in items {
            let code = entry.code
            // Six ASCII digits: six bytes 0-9 (an ASCII digit is one byte, any other character is not a digit byte).
            if code.utf8.count != 6 || !code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                findings.append(FindingPlace.finding(
                    "code.hs", "\(Self.field(entry.index, onHSCode: entry.onHSCode)) \(FindingPlace.quoted(code)) is not a 6-digit HS subheading",
                    in: declaration, item: goodsItems[entry.index], field: Self.field(entry.index, onHSCode: entry.onHSCode)))
                continue
            }
            guard !subheadings.contains(code) else { continue }
            let elsewhere = editions.filter { $0.key != choice.year && $0.value.contains(code) }.keys.sorted()
            let hint = elsewhere.isEmpty ? "" : " (it is a subheading of \(elsewhere.map { "HS \($0)" }.joined(separator: ", ")))"
            findings.append(FindingPlace.finding(
                "code.hs", "\(Self.field(entry.index, onHSCode: entry.onHSCode)) \(code) is not a subheading of HS \(choice.year)\(inForce)\(hint)",
                in: declaration, item: goodsItems[entry.index], field: Self.field(entry.index, onHSCode: entry.onHSCode)))
        }
        return findings
    }

    /// The item's 6-digit subheading, or the first six digits of its national code when the
    /// adapter left `hsCode` empty.
    static func subheading(of item: GoodsItem, index: Int) -> (code: String, field: String)? {
        subheadingCode(of: item).map { ($0.code, field(index, onHSCode: $0.onHSCode)) }
    }

    /// ``subheading(of:index:)`` without the field path: whether the code is the item's `hsCode`.
    static func subheadingCode(of item: GoodsItem) -> (code: String, onHSCode: Bool)? {
        if let code = item.hsCode { return (code, true) }
        if let national = item.nationalCode, national.count >= 6 { return (String(national.prefix(6)), false) }
        return nil
    }

    static func field(_ index: Int, onHSCode: Bool) -> String {
        onHSCode ? "goodsItems[\(index)].hsCode" : "goodsItems[\(index)].nationalCode"
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
