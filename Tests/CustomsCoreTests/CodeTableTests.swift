@testable import CustomsCore
import CustomsTestSupport
import Foundation
import Testing

/// A ``CodeTable`` gives what the dictionary it is made from gives, for every code: packed
/// ASCII codes, longer and non-ASCII codes, and codes equal only under canonical equivalence.
@Suite struct CodeTableTests {
    static let probes = [
        "", "0", "00", "000", "007", "142", "1420", "I", "E", "i", "CN", "cn", "Cn", "USD", "usd", "KGM", "H87",
        "ABCDEFG", "ABCDEFGH", "\u{212A}GM", "K\u{301}", "\u{C9}", "E\u{301}", "\r\n", "CN\r\n", "ı", "ıL", "ß", "1 2",
    ]

    @Test func asciiTableLooksUpAsItsDictionary() {
        let dictionary = ["007": 1, "0": 2, "00": 3, "KGM": 4, "ABCDEFG": 5, "ABCDEFGH": 6, "I": 7, "": 8, "CN": 9]
        let table = CodeTable(dictionary)
        for code in Self.probes + Array(dictionary.keys) {
            #expect(table[code] == dictionary[code], "\(code)")
            #expect(table.value(uppercased: code) == dictionary[code.uppercased()], "\(code)")
        }
    }

    /// A thousand codes share the table's places: each is found where its search leads, and
    /// none of the codes left out is.
    @Test func aFullTableFindsEveryCodeAndNoOther() {
        let codes = (0..<2000).map { String(format: "%03d", $0 % 1000) + ($0 < 1000 ? "" : "A") }
        let dictionary = Dictionary(uniqueKeysWithValues: codes.enumerated().filter { $0.offset % 2 == 0 }.map { ($0.element, $0.offset) })
        let table = CodeTable(dictionary)
        for code in codes + ["", "0", "00", "0000", "1234567", "12345678"] { #expect(table[code] == dictionary[code], "\(code)") }
    }

    @Test func tableWithNonASCIICodesLooksUpAsItsDictionary() {
        let dictionary = ["\u{C9}": 1, "\u{212A}GM": 2, "007": 3, "USD": 4]
        let table = CodeTable(dictionary)
        for code in Self.probes + Array(dictionary.keys) + ["KGM", "E\u{301}"] {
            #expect(table[code] == dictionary[code], "\(code)")
            #expect(table.value(uppercased: code) == dictionary[code.uppercased()], "\(code)")
        }
    }

    /// The alpha, numeric and ambiguous readings of countries and currencies, for the probes
    /// and for every code of the tables: as the dictionaries and `Set`s of ``CodeLists`` read them.
    @Test func countriesAndCurrenciesResolveAsTheirDictionaries() throws {
        let lists = try CodeLists(directory: TestPaths.schemas)
        func expected(_ code: String, length: Int, alpha: Set<String>, china: [String: String], iso: [String: String], authority: CodeSystem?) -> CodeResolution {
            if code.count == length, alpha.contains(code.uppercased()) { return .resolved(code.uppercased(), system: nil) }
            guard !code.isEmpty, code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return .unknown }
            switch authority {
            case .china?: return china[code].map { .resolved($0, system: .china) } ?? .unknown
            case .isoNumeric?, .eaeu?: return iso[code].map { .resolved($0, system: .isoNumeric) } ?? .unknown
            default:
                switch (china[code], iso[code]) {
                case let (value?, nil): return .resolved(value, system: .china)
                case let (nil, value?): return .resolved(value, system: .isoNumeric)
                case let (a?, b?): return a == b ? .resolved(a, system: nil) : .ambiguous(china: a, iso: b)
                case (nil, nil): return .unknown
                }
            }
        }
        let codes = Self.probes + Array(lists.isoCountries) + Array(lists.isoCurrencies) + Array(lists.chinaCountries.keys)
            + Array(lists.chinaCurrencies.keys) + Array(lists.isoCountryByNumeric.keys) + Array(lists.isoCurrencyByNumeric.keys)
            + ["kz", "Kz", "usd", "ıt", "\u{212A}Z", "KZ\r\n", "001", "999"]
        for authority in [nil, CodeSystem.china, .eaeu, .isoNumeric, .rec19] {
            for code in codes {
                #expect(lists.country(code, authority: authority) == expected(
                    code, length: 2, alpha: lists.isoCountries, china: lists.chinaCountries, iso: lists.isoCountryByNumeric, authority: authority))
                #expect(lists.currency(code, authority: authority) == expected(
                    code, length: 3, alpha: lists.isoCurrencies, china: lists.chinaCurrencies, iso: lists.isoCurrencyByNumeric, authority: authority))
            }
        }
    }
}
