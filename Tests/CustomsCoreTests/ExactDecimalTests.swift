import CustomsCore
import CustomsTestSupport
import Foundation
import Testing

@Suite struct ExactDecimalTests {
    @Test(arguments: [("762.1", "762.1"), ("652.83", "652.83"), ("48250.00", "48250"), ("-0.5", "-0.5"), ("+7", "7"), (" 1080 ", "1080"), ("0.0414", "0.0414")])
    func readsWholeTokensExactly(text: String, expected: String) throws {
        let value = try #require(ExactDecimal.parse(text))
        #expect(ExactDecimal.format(value) == expected)
    }

    @Test(arguments: ["12,5", "12.5 kg", "1.250.000", "1e5", "", ".", "-", "1 250", "NaN", "0x10"])
    func refusesWhatItCannotReadExactly(text: String) {
        #expect(ExactDecimal.parse(text) == nil)
    }

    @Test func refusesMoreDigitsThanDecimalHolds() {
        #expect(ExactDecimal.parse(String(repeating: "9", count: 39)) == nil)
        #expect(ExactDecimal.parse(String(repeating: "9", count: 38)) != nil)
    }

    /// A String is read in one pass when it has at most 19 significant digits; any string gives
    /// what the general reader gives: the same value, the same representation, the same refusals.
    @Test func theOnePassReaderAgreesWithTheGeneralOne() {
        var numbers = SeededNumbers(seed: 20261130)
        let alphabet = Array("0000123456789..-+ \t")
        var compared = 0
        for _ in 0..<200_000 {
            let length = numbers.below(26)
            let text = String((0..<length).map { _ in numbers.pick(alphabet) })
            let fast = ExactDecimal.parse(text)
            let general = ExactDecimal.parse(Substring(text))
            #expect(fast == general, "\(text)")
            #expect(fast.map { "\($0)" } == general.map { "\($0)" }, "\(text)")
            if fast != nil { compared += 1 }
        }
        #expect(compared > 10_000)
        for text in ["9999999999999999999", "10000000000000000000", "0.0000000000000000001", "1.000000000000000000000", "-0", "+0.00"] {
            #expect(ExactDecimal.parse(text) == ExactDecimal.parse(Substring(text)))
            #expect(ExactDecimal.parse(text).map { "\($0)" } == ExactDecimal.parse(Substring(text)).map { "\($0)" })
        }
    }

    @Test func sumsStayExact() throws {
        let sum = try #require(ExactDecimal.parse("0.1")) + #require(ExactDecimal.parse("0.2"))
        #expect(ExactDecimal.format(sum) == "0.3")
        let product = try #require(ExactDecimal.parse("1007.12")) * 3
        #expect(ExactDecimal.format(product) == "3021.36")
    }

    /// The decimals as written, which `Decimal` drops with the trailing zeros (`12.50` is 12.5).
    @Test(arguments: [("12.50", ".", 2), ("12.00", ".", 2), ("80", ".", 0), ("0.0414 ", ".", 4), ("1 250,500", ",", 3), ("1,250", ".", 0), ("12.", ".", 0)])
    func countsTheDecimalsAsWritten(text: String, separator: String, expected: Int) {
        #expect(ExactDecimal.writtenDecimals(text, separator: separator.utf8.first!) == expected)
    }

    @Test func writesAValueWithTheDecimalsItWasFiledWith() throws {
        let price = try #require(ExactDecimal.parse("12.50"))
        #expect(ExactDecimal.format(price) == "12.5")
        #expect(ExactDecimal.format(price, decimals: 2) == "12.50")
        #expect(ExactDecimal.format(12, decimals: 2) == "12.00")
        #expect(ExactDecimal.format(price, decimals: 1) == "12.5")
        #expect(ExactDecimal.format(price, decimals: nil) == "12.5")
        #expect(ExactDecimal.format(-3, decimals: 3) == "-3.000")
    }

    @Test func aGoodsItemKeepsOnlyDecimalsItsValueDoesNotShow() throws {
        var item = GoodsItem()
        item.unitPrice = try #require(ExactDecimal.parse("12.50"))
        item.noteUnitPriceDecimals(1)
        #expect(item.unitPriceDecimals == nil)
        item.noteUnitPriceDecimals(2)
        #expect(item.unitPriceDecimals == 2)
    }
}

