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
        // The field path of each code is made only for a finding.
        // The items themselves are fetched only for a finding (no copy of each item).
        let goodsItems = declaration.goodsItems
        guard goodsItems.indices.contains(where: { Self.subheadingCode(of: goodsItems[$0]) != nil }) else { return [] }
        let table = context.tables.hsSubheadings
        let lodged = declaration.lodgedOn ?? declaration.lodgedAt?.local.isoDate
        guard let choice = table.schedule.choose(lodgedOn: lodged),
              let subheadings = table.editions[choice.year]
        else { return [] }
        var findings: [Finding] = []
        if let note = choice.note {
            findings.append(FindingPlace.finding("code.hs-edition", note, in: declaration, field: "lodgedOn"))
        }
        for index in goodsItems.indices {
            guard let entry = Self.subheadingCode(of: goodsItems[index]) else { continue }
            let code = entry.code
            // Six ASCII digits: six bytes 0-9 (an ASCII digit is one byte, any other character is not a digit byte).
            guard let number = HSSubheadingTable.number(code) else {
                findings.append(FindingPlace.finding(
                    "code.hs", "\(Self.field(index, onHSCode: entry.onHSCode)) \(FindingPlace.quoted(code)) is not a 6-digit HS subheading",
                    in: declaration, item: goodsItems[index], field: Self.field(index, onHSCode: entry.onHSCode)))
                continue
            }
            guard !subheadings.contains(number) else { continue }
            let editions = context.codeLists.hsEditions
            let inForce = choice.note == nil ? ", in force on the lodgement date \(lodged ?? "")" : ""
            let elsewhere = editions.filter { $0.key != choice.year && $0.value.contains(code) }.keys.sorted()
            let hint = elsewhere.isEmpty ? "" : " (it is a subheading of \(elsewhere.map { "HS \($0)" }.joined(separator: ", ")))"
            findings.append(FindingPlace.finding(
                "code.hs", "\(Self.field(index, onHSCode: entry.onHSCode)) \(code) is not a subheading of HS \(choice.year)\(inForce)\(hint)",
                in: declaration, item: goodsItems[index], field: Self.field(index, onHSCode: entry.onHSCode)))
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

/// The HS subheadings of each edition of one ``CodeLists`` as bit sets over the six-digit
/// numbers (125 KB an edition), so that a code is checked without hashing a string. Made once
/// for the code lists in use and kept with them.
final class HSSubheadingTable: Sendable {
    let codeLists: CodeLists
    /// The editions' years, oldest first, and the choice of one by lodgement date.
    let schedule: HSEditionSchedule
    let editions: [Int: HSSubheadingSet]

    init(_ codeLists: CodeLists) {
        self.codeLists = codeLists
        schedule = HSEditionSchedule(years: Array(codeLists.hsEditions.keys))
        editions = codeLists.hsEditions.mapValues(HSSubheadingSet.init)
    }

    /// The number of six ASCII digits; `nil` for any other text.
    static func number(_ code: String) -> Int? {
        var code = code
        return code.withUTF8 { bytes in
            guard bytes.count == 6 else { return nil }
            var value = 0
            for byte in bytes {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
    }
}

/// The six-digit codes of a set, one bit each (a code that is not six digits is never looked up).
struct HSSubheadingSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: 1_000_000 / 64 + 1)

    init(_ codes: Set<String>) {
        for code in codes {
            if let number = HSSubheadingTable.number(code) { bits[number >> 6] |= 1 << UInt64(number & 63) }
        }
    }

    /// Whether the six-digit code `number` is in the set.
    func contains(_ number: Int) -> Bool { bits[number >> 6] & (1 << UInt64(number & 63)) != 0 }
}
