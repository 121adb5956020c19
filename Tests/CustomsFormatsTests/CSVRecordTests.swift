import CustomsCore
import CustomsFormats
import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

/// The RFC 4180 reader: quoting, line ends, empty fields, structural defects.
@Suite struct CSVRecordTests {
    @Test func quotedDelimiterQuoteAndLineBreakStayInOneField() {
        let result = CSVFixture.process("quoted-delimiter-quote-and-line-break.csv")
        #expect(result.problems.isEmpty)
        let items = result.declarations.first?.goodsItems ?? []
        #expect(items.count == 2)
        #expect(items.first?.description == "Coffee, roasted; \"Arabica\"\r\nsecond line")
        #expect(items.first?.grossMassKg == Decimal("10"))
        #expect(items.last?.description == nil)
        #expect(items.last?.grossMassKg == Decimal("11"))
    }

    @Test func carriageReturnOnlyLineEnds() {
        let result = CSVFixture.process("cr-only-line-ends.csv")
        #expect(result.problems.isEmpty)
        #expect(result.declarations.first?.goodsItems.map(\.description) == ["Coffee", "Tea"])
    }

    @Test func emptyFieldIsOmittedNotShifted() {
        let result = CSVFixture.process("empty-field-not-shifted.csv")
        let item = result.declarations.first?.goodsItems.first
        #expect(item?.grossMassKg == nil)
        #expect(item?.netMassKg == Decimal("9"))
        #expect(item?.currency == "USD")
    }

    @Test func utf8ByteOrderMarkIsSkipped() {
        let result = CSVFixture.process("utf8-bom.csv")
        #expect(result.problems.isEmpty)
        #expect(result.declarations.first?.id == "D1")
        #expect(result.declarations.first?.goodsItems.first?.description == "Кофе")
    }

    @Test func wrongFieldCountNamesTheRow() {
        let result = CSVFixture.process("wrong-field-count.csv")
        let malformed = result.findings("csv.malformed")
        #expect(malformed.count == 1)
        #expect(malformed.first?.row == 3)
        #expect(malformed.first?.message.contains("6 fields where the header has 7") == true)
        #expect(result.declarations.map(\.id) == ["D1", "D2"])
        #expect(result.declarations.first?.goodsItems.count == 1)
    }

    @Test func unclosedQuoteIsMalformedNotASilentMerge() {
        let result = CSVFixture.process("unclosed-quote.csv")
        let malformed = result.findings("csv.malformed")
        #expect(malformed.count == 1)
        #expect(malformed.first?.row == 3)
        #expect(malformed.first?.message.contains("never closed") == true)
        // The rows before the broken one are read; nothing after it is invented from the merge.
        #expect(result.declarations.map(\.id) == ["D1"])
        #expect(result.declarations.first?.goodsItems.count == 1)
    }

    @Test func unclosedQuoteInALargeFileStopsAtTheFieldLimit() throws {
        let url = try TestPaths.scratch().appendingPathComponent("unclosed-quote-large.csv")
        var text = "id,description,gross_mass_kg\nD1,\"never closed,1\n"
        let row = "D2,Tea,5\n"
        text += String(repeating: row, count: (5 << 20) / row.utf8.count)
        try text.write(to: url, atomically: true, encoding: .utf8)
        let configuration = PipelineConfiguration(
            codeLists: CSVFixture.codeLists, jobs: 1, csv: CSVReadingOptions(synonyms: CSVFixture.synonyms))
        let result = FileProcessor(configuration: configuration).process(url.path)
        let malformed = result.findings("csv.malformed")
        #expect(malformed.count == 1)
        #expect(malformed.first?.row == 2)
        #expect(malformed.first?.message.contains("4 MiB") == true)
        #expect(result.declarations.isEmpty)
    }

    @Test func idThatComesBackIsMalformed() {
        let result = CSVFixture.process("id-comes-back-after-another-declaration.csv")
        let malformed = result.findings("csv.malformed")
        #expect(malformed.count == 1)
        #expect(malformed.first?.row == 4)
        #expect(malformed.first?.message.contains("'D1' comes back") == true)
        #expect(result.declarations.map(\.key) == ["D1#1", "D2", "D1#3"])
    }

    @Test func declarationValueThatDiffersBetweenRowsIsInvalid() {
        let result = CSVFixture.process("declaration-value-differs-between-rows.csv")
        let invalid = result.findings("field.invalid")
        #expect(invalid.count == 1)
        #expect(invalid.first?.row == 3)
        #expect(invalid.first?.column == .name("exporter_name"))
        #expect(result.declarations.first?.exporter?.name == "ACME")
    }

    @Test func delimitersAreDetected() {
        let pipe = CSVFixture.process("pipe-delimited.csv")
        #expect(pipe.problems.isEmpty)
        #expect(pipe.declarations.first?.goodsItems.first?.description == "Bolts, M8")
        let tab = CSVFixture.process("tab-delimited.csv")
        #expect(tab.problems.isEmpty)
        #expect(tab.declarations.first?.goodsItems.first?.description == "Bolts, M8; zinc")
        #expect(tab.declarations.first?.goodsItems.first?.grossMassKg == Decimal("12.5"))
    }

    @Test func delimiterOverrideWins() {
        let result = CSVFixture.process("pipe-delimited.csv", delimiter: UInt8(ascii: ","))
        // Split on commas, the header is one unknown column: not a CSV layout this product reads.
        #expect(result.findings("format.unknown").count == 1)
        #expect(result.declarations.isEmpty)
    }
}
