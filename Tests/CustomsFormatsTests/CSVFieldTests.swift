import CustomsCore
@testable import CustomsFormats
import CustomsPipeline
import Foundation
import Testing

/// Headers, identifiers, Excel damage, code mapping and the events layout.
@Suite struct CSVFieldTests {
    @Test func nineDigitNationalCodeIsCodeHSWithTheZeroPaddedHint() {
        let result = CSVFixture.process("hs-code-lost-leading-zero.csv")
        let hs = result.findings("code.hs")
        #expect(hs.count == 2)
        #expect(hs.first?.message.contains("'0901210000' is HS 2022 subheading 090121") == true)
        #expect(hs.first?.row == 2)
        #expect(hs.first?.column == .name("national_code"))
        #expect(hs.first?.field == "goodsItems[0].nationalCode")
        // 847130000 padded is 0847130000: not a subheading, so no hint.
        #expect(hs.last?.message.contains("zero-padded") == false)
        let item = result.declarations.first?.goodsItems.first
        #expect(item?.nationalCode == nil)
        #expect(item?.hsCode == nil)
        #expect(item?.asFiled["national_code"] == "901210000")
    }

    @Test func idInScientificNotationSaysTheDigitsAreLost() {
        let result = CSVFixture.process("id-in-scientific-notation.csv")
        let invalid = result.findings("field.invalid")
        #expect(invalid.count == 2)
        #expect(invalid.allSatisfy { $0.message.contains("original digits are lost") && $0.field == "id" })
        #expect(invalid.map(\.row) == [2, 3])
        #expect(result.declarations.allSatisfy { $0.id == nil })
    }

    @Test func identifiersKeepLeadingZeros() {
        let result = CSVFixture.process("chinese-manifest-plain-utf8-twin.csv")
        #expect(result.declarations.first?.goodsItems.first?.nationalCode == "0901210000")
        #expect(result.declarations.first?.goodsItems.first?.hsCode == "090121")
        #expect(result.declarations.first?.id == "680120240000012345")
    }

    @Test func chinaCurrency502IsUSD() {
        let result = CSVFixture.process("china-currency-code-502.csv")
        #expect(result.problems.isEmpty)
        let declaration = result.declarations.first
        #expect(declaration?.invoice?.currency == "USD")
        #expect(declaration?.invoice?.amount == Decimal("100"))
        #expect(declaration?.goodsItems.first?.currency == "USD")
        #expect(declaration?.asFiled["invoice_currency"] == "502")
    }

    @Test func missingIDColumnIsCSVHeaderAndOneDeclaration() {
        let result = CSVFixture.process("no-id-column.csv")
        #expect(result.findings("csv.header").count == 1)
        #expect(result.declarations.count == 1)
        #expect(result.declarations.first?.goodsItems.map(\.grossMassKg) == [Decimal("12.5"), Decimal("7")])
    }

    @Test func unknownColumnsAreKeptInAsFiled() {
        let result = CSVFixture.process("unknown-columns-kept-in-asfiled.csv")
        #expect(result.problems.isEmpty)
        let item = result.declarations.first?.goodsItems.first
        #expect(item?.asFiled["Warehouse bin"] == "A-17")
        #expect(item?.asFiled["Комментарий"] == "срочно")
        // Said once for the file, on the header row, by name: not an error, but not silent.
        let unknown = result.findings.filter { $0.rule == "csv.column-unknown" }
        #expect(unknown.count == 1 && unknown.first?.severity == .info && unknown.first?.row == 1)
        #expect(unknown.first?.message.hasPrefix("columns 'Warehouse bin', 'Комментарий' match no declaration field") == true)
    }

    @Test func aColumnThatMatchesNoFieldIsNamedAndARepeatedFieldToo() throws {
        let result = CSVFixture.process("empty-field-not-shifted.csv")
        #expect(!result.findings.contains { $0.rule == "csv.column-unknown" })
        let one = CSVColumns(headers: ["id", "Country", "gross_mass_kg"], synonyms: CSVHeaderSynonyms())
        #expect(CSVDocumentReader.unknownColumnsMessage(one)?.hasPrefix("column 'Country' matches no declaration field; its values are kept only as filed") == true)
        // A second column of a field already held is read by neither name: it is said so.
        let repeated = CSVColumns(headers: ["id", "gross_mass_kg", "Gross_Mass_Kg", "Date"], synonyms: CSVHeaderSynonyms())
        let message = try #require(CSVDocumentReader.unknownColumnsMessage(repeated))
        #expect(message.hasPrefix("column 'Date' matches no declaration field"))
        #expect(message.contains("column 'Gross_Mass_Kg' holds gross_mass_kg again, already read from column 'gross_mass_kg'; kept only as filed"))
        #expect(CSVDocumentReader.unknownColumnsMessage(CSVColumns(headers: ["id", "value"], synonyms: CSVHeaderSynonyms())) == nil)
    }

    @Test func kazakhHeadersMap() {
        let result = CSVFixture.process("kazakh-headers-utf8.csv")
        #expect(result.problems.isEmpty)
        let item = result.declarations.first?.goodsItems.first
        #expect(result.declarations.first?.id == "KZ-1")
        #expect(item?.nationalCode == "0902100000")
        #expect(item?.grossMassKg == Decimal("1250.5"))
        #expect(item?.netMassKg == Decimal("1200"))
    }

    @Test func headerMatchingIgnoresCaseSpacesAndPunctuation() {
        let synonyms = CSVFixture.synonyms
        #expect(synonyms.field(for: "Вес брутто, кг") == .grossMassKg)
        #expect(synonyms.field(for: "ВЕС БРУТТО (КГ)") == .grossMassKg)
        #expect(synonyms.field(for: "毛重(千克)") == .grossMassKg)
        #expect(synonyms.field(for: "Gross Weight") == .grossMassKg)
        #expect(synonyms.field(for: "HS code") == .hsCode)
        #expect(synonyms.field(for: "Брутто салмағы") == .grossMassKg)
        #expect(synonyms.field(for: "商品编码") == .nationalCode)
        #expect(synonyms.field(for: "Номер декларации") == .id)
        #expect(synonyms.field(for: "gross_mass_kg") == .grossMassKg)
    }

    @Test func userMappingAddsSynonyms() throws {
        var synonyms = CSVFixture.synonyms
        try synonyms.addMapping(file: CSVFixture.path("custom-headers-mapping.csv"))
        let result = CSVFixture.process("custom-headers.csv", synonyms: synonyms)
        #expect(result.problems.isEmpty)
        #expect(result.declarations.first?.id == "D1")
        #expect(result.declarations.first?.goodsItems.first?.grossMassKg == Decimal("12.5"))
        let without = CSVFixture.process("custom-headers.csv")
        #expect(without.findings("format.unknown").count == 1)
    }

    @Test func eventsLayoutIsParsedIntoEvents() {
        let result = CSVFixture.process("events-layout.csv")
        #expect(result.format == "csv")
        #expect(result.messageType == "events")
        #expect(result.declarations.map(\.id) == ["D1", "D2"])
        let d1 = result.declarations[0]
        #expect(d1.declaration(milestones: ["lodgement", "release"]))
        #expect(d1.events.first?.at.rfc3339 == "2024-03-05T10:15:00+05:00")
        #expect(d1.events.last?.at.rfc3339 == "2024-03-05T13:30:00+05:00")
        #expect(result.declarations[1].events.first?.at.rfc3339 == "2024-03-05T08:00:00+08:00")
        let invalid = result.findings("field.invalid")
        // A local time without zone, and a milestone that is not one.
        #expect(invalid.map(\.row) == [5, 6])
        #expect(invalid.first?.column == .name("at"))
        #expect(invalid.last?.message.contains("'paid' is not a milestone") == true)
    }
}

extension Declaration {
    func declaration(milestones: [String]) -> Bool { events.map(\.milestone) == milestones }
}
