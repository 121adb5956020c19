import CustomsCore
import CustomsFormats
import CustomsPipeline
import Foundation
import Testing

/// Numbers by locale: detected once per file, exact, whole tokens only.
@Suite struct CSVNumberTests {
    @Test(arguments: [
        ("1 250,5", CSVNumberFormat.decimalComma, "1250.5"),
        ("1\u{00A0}250,5", .decimalComma, "1250.5"),
        ("1\u{202F}250,5", .decimalComma, "1250.5"),
        ("1'250,5", .decimalComma, "1250.5"),
        ("1.250.000,75", .decimalComma, "1250000.75"),
        ("1.250", .decimalComma, "1250"),
        ("1,250.5", .decimalPoint, "1250.5"),
        ("1.250", .decimalPoint, "1.25"),
        ("-0,5", .decimalComma, "-0.5"),
        ("12", .undecided, "12"),
        ("12,5", .undecided, "12.5"),
    ])
    func readsLocaleNumbersExactly(text: String, format: CSVNumberFormat, expected: String) {
        #expect(CSVNumberFormat.parse(text, as: format) == Decimal(expected))
    }

    @Test(arguments: ["12.5 kg", "12,5,0", "1,25,0", "12,", ",5", "1 25", "1.250", "1e3", "", "1 250.5,0"])
    func refusesWhatIsNotAWholeNumberToken(text: String) {
        // `1.250` is refused only when undecided: it is 1.25 or 1250.
        #expect(CSVNumberFormat.parse(text, as: .undecided) == nil)
    }

    @Test func detectsTheFormatOnceFromTheRows() {
        #expect(CSVNumberFormat.detect(["1 250,5", "12", "1.250"]) == .decimalComma)
        #expect(CSVNumberFormat.detect(["1,250.5", "7"]) == .decimalPoint)
        #expect(CSVNumberFormat.detect(["1.250", "12"]) == .undecided)
        #expect(CSVNumberFormat.named("ru_RU.UTF-8") == .decimalComma)
        #expect(CSVNumberFormat.named("zh-CN") == .decimalPoint)
        #expect(CSVNumberFormat.named("xx") == nil)
    }

    @Test func russianExcelNumbersAreExact() {
        let result = CSVFixture.process("russian-excel-cp1251-semicolon-decimal-comma.csv")
        let item = result.declarations.first?.goodsItems.first
        #expect(item?.grossMassKg == Decimal("1250.5"))
        #expect(item?.netMassKg == Decimal("1200"))
        #expect(item?.value == Decimal("12345.67"))
        #expect(item?.asFiled["Вес брутто, кг"] == "1\u{00A0}250,5")
    }

    @Test func ambiguousValueIsReadByTheFileFormat() {
        let result = CSVFixture.process("ambiguous-thousands-read-by-file-format.csv")
        #expect(result.problems.isEmpty)
        #expect(result.declarations.map { $0.goodsItems.first?.grossMassKg } == [Decimal("1250"), Decimal("12.5"), Decimal("3.75")])
    }

    @Test func ambiguousValueInAnUndecidedFileIsInvalidWithAHint() {
        let result = CSVFixture.process("ambiguous-thousands-undecided-format.csv")
        let invalid = result.findings("field.invalid")
        #expect(invalid.count == 2)
        #expect(invalid.first?.message.contains("1.25 with a decimal point and 1250 with a decimal comma") == true)
        #expect(invalid.first?.message.contains("--locale") == true)
        #expect(invalid.first?.row == 2)
        #expect(invalid.first?.column == .name("gross_mass_kg"))
        #expect(invalid.first?.field == "goodsItems[0].grossMassKg")
        #expect(result.declarations.first?.goodsItems.first?.grossMassKg == nil)
    }

    @Test func localeOverrideDecides() {
        let ru = CSVFixture.process("ambiguous-thousands-undecided-format.csv", locale: .decimalComma)
        #expect(ru.problems.isEmpty)
        #expect(ru.declarations.first?.goodsItems.first?.grossMassKg == Decimal("1250"))
        let en = CSVFixture.process("ambiguous-thousands-undecided-format.csv", locale: .decimalPoint)
        #expect(en.declarations.first?.goodsItems.first?.grossMassKg == Decimal("1.25"))
    }

    @Test func unitSuffixAndExtraCommaAreInvalidNeverAPrefix() {
        let result = CSVFixture.process("number-with-unit-and-extra-comma.csv")
        let invalid = result.findings("field.invalid")
        #expect(invalid.map(\.column) == [.name("gross_mass_kg"), .name("net_mass_kg")])
        #expect(invalid.first?.message.contains("'12.5 kg'") == true)
        let first = result.declarations.first?.goodsItems.first
        #expect(first?.grossMassKg == nil)
        #expect(first?.netMassKg == nil)
        #expect(result.declarations.last?.goodsItems.first?.grossMassKg == Decimal("7.5"))
    }

    @Test func valueThatDoesNotFitTheFileFormatIsInvalid() {
        let result = CSVFixture.process("number-not-in-file-format.csv")
        let invalid = result.findings("field.invalid")
        #expect(invalid.count == 1)
        #expect(invalid.first?.row == 3)
        #expect(invalid.first?.message.contains("decimal comma") == true)
        #expect(result.declarations.first?.goodsItems.first?.grossMassKg == Decimal("1250.5"))
    }
}
