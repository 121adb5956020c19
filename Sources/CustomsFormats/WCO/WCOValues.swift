import CustomsCore
import CustomsXML
import Foundation

/// WCO DM amounts and measures: a number with a `currencyID` or `unitCode` attribute.
enum WCOAmount {
    /// The ISO 4217 alpha code of an amount's `currencyID`; `code.currency` when it is not one.
    static func currency(_ element: XMLElement, codes: CodeLists, field: String, draft: inout DeclarationDraft) -> String? {
        guard let raw = element.attribute("currencyID") else { return nil }
        let code = raw.uppercased()
        guard code.count == 3, codes.isoCurrencies.contains(code) else {
            draft.finding("code.currency", "\(element.name) currencyID '\(raw)' is not an ISO 4217 currency code", at: element, field: field)
            return nil
        }
        return code
    }

    /// A mass in kilograms: a measure without `unitCode` (the DMS default, kilograms) or with `KGM`.
    static func kilograms(_ element: XMLElement?, field: String, draft: inout DeclarationDraft) -> Decimal? {
        guard let element, let value = draft.decimal(element, field: field) else { return nil }
        if let unit = element.attribute("unitCode"), unit != "KGM" {
            draft.finding("field.invalid", "\(element.name) is in unitCode '\(unit)', not kilograms (KGM); it is not converted", at: element, field: field)
            return nil
        }
        return value
    }
}

/// `IssueDateTime/DateTimeString` (DE 5/?: lodgement), by its `formatCode`.
enum WCOIssueDateTime {
    /// 304: `yyyyMMddHHmmss` followed by `Z` or an offset `±hh` or `±hhmm` → `lodgedAt` and
    /// `lodgedOn`; 102: `yyyyMMdd` → `lodgedOn` only. Anything else is `field.invalid`.
    static func read(_ element: XMLElement?, into draft: inout DeclarationDraft) {
        guard let element, let raw = draft.text(element, field: "lodgedAt") else { return }
        draft.declaration.asFiled.set("IssueDateTime", raw)
        let format = element.attribute("formatCode") ?? (raw.count == 8 ? "102" : "304")
        let digits = Array(raw.utf8.prefix(while: { $0 >= 0x30 && $0 <= 0x39 }))
        func number(_ range: Range<Int>) -> Int? { LocalDateTime.number(digits[range]) }
        if format == "102", digits.count == 8, raw.count == 8,
           let y = number(0..<4), let m = number(4..<6), let d = number(6..<8), let date = LocalDateTime(year: y, month: m, day: d) {
            draft.declaration.lodgedOn = date.isoDate
            return
        }
        if format == "304", digits.count == 14,
           let y = number(0..<4), let m = number(4..<6), let d = number(6..<8),
           let h = number(8..<10), let mi = number(10..<12), let s = number(12..<14),
           let local = LocalDateTime(year: y, month: m, day: d, hour: h, minute: mi, second: s),
           let offset = offsetSeconds(String(raw.dropFirst(14))) {
            draft.declaration.lodgedOn = local.isoDate
            draft.declaration.lodgedAt = Timestamp(epochSeconds: local.secondsSinceEpoch - Int64(offset), utcOffsetSeconds: offset)
            return
        }
        draft.finding(
            "field.invalid", "IssueDateTime '\(raw)' (formatCode \(format)) is not yyyyMMddHHmmss with an offset (304) nor yyyyMMdd (102)",
            at: element, field: "lodgedAt")
    }

    static func offsetSeconds(_ text: String) -> Int? {
        if text == "Z" { return 0 }
        let bytes = Array(text.utf8)
        guard bytes.count == 3 || bytes.count == 5, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-"),
              let hours = LocalDateTime.number(bytes[1..<3]), hours < 15 else { return nil }
        var minutes = 0
        if bytes.count == 5 {
            guard let value = LocalDateTime.number(bytes[3..<5]), value < 60 else { return nil }
            minutes = value
        }
        return (hours * 3600 + minutes * 60) * (bytes[0] == UInt8(ascii: "-") ? -1 : 1)
    }
}

/// A party of a WCO DM declaration: `Name`, `ID` (EORI as filed), `Address/CountryCode`.
struct WCOPartyReader {
    let codes: CodeLists

    func read(_ element: XMLElement?, field: String, draft: inout DeclarationDraft) -> Party? {
        guard let element else { return nil }
        var party = Party(
            name: draft.text(element.child("Name"), field: field + ".name"),
            id: draft.text(element.child("ID"), field: field + ".id"))
        if let country = element.path("Address", "CountryCode") {
            party.country = draft.headerCountry(
                country.named("\(element.name)/Address/CountryCode"), authority: nil, codeLists: codes, field: field + ".country")
        }
        return party.isEmpty ? nil : party
    }
}
