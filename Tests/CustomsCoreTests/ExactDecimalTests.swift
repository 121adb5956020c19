import CustomsCore
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

    @Test func sumsStayExact() throws {
        let sum = try #require(ExactDecimal.parse("0.1")) + #require(ExactDecimal.parse("0.2"))
        #expect(ExactDecimal.format(sum) == "0.3")
        let product = try #require(ExactDecimal.parse("1007.12")) * 3
        #expect(ExactDecimal.format(product) == "3021.36")
    }
}
