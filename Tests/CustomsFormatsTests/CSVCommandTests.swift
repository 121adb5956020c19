import CustomsTestSupport
import Foundation
import Testing

/// `customs` on CSV files, as a user runs it.
@Suite struct CSVCommandTests {
    func fixture(_ name: String) -> String { TestPaths.fixture("csv/" + name) }

    @Test func harmonizeRussianExcelPrintsExactValues() throws {
        let outcome = try CommandRunner.run(["harmonize", fixture("russian-excel-cp1251-semicolon-decimal-comma.csv")])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("\"format\": \"csv\""))
        #expect(outcome.stdout.contains("\"grossMassKg\": 1250.5"))
        #expect(outcome.stdout.contains("\"nationalCode\": \"0901210000\""))
        #expect(outcome.stdout.contains("\"row\": 2"))
    }

    @Test func validateReportsMalformedRowsWithRowAndColumn() throws {
        let outcome = try CommandRunner.run(["validate", fixture("wrong-field-count.csv"), fixture("hs-code-lost-leading-zero.csv")])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("wrong-field-count.csv:row 3: error: row 3 has 6 fields where the header has 7"))
        #expect(outcome.stdout.contains("hs-code-lost-leading-zero.csv:row 2 (national_code): error:"))
        #expect(outcome.stdout.contains("[code.hs]"))
    }

    @Test func validateJSONNamesColumnsByHeader() throws {
        let outcome = try CommandRunner.run(["validate", "--format", "json", fixture("number-with-unit-and-extra-comma.csv")])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("\"column\": \"gross_mass_kg\""))
        #expect(outcome.stdout.contains("\"field\": \"goodsItems[0].grossMassKg\""))
    }

    @Test func localeDelimiterAndMappingOptions() throws {
        let ru = try CommandRunner.run(["harmonize", "--locale", "ru", fixture("ambiguous-thousands-undecided-format.csv")])
        #expect(ru.status == 0)
        #expect(ru.stdout.contains("\"grossMassKg\": 1250"))
        let en = try CommandRunner.run(["harmonize", "--locale", "en", fixture("ambiguous-thousands-undecided-format.csv")])
        #expect(en.stdout.contains("\"grossMassKg\": 1.25"))
        let mapped = try CommandRunner.run([
            "harmonize", "--mapping", fixture("custom-headers-mapping.csv"), "--csv-delimiter", ",", fixture("custom-headers.csv"),
        ])
        #expect(mapped.status == 0)
        #expect(mapped.stdout.contains("\"id\": \"D1\""))
        let tab = try CommandRunner.run(["harmonize", "--csv-delimiter", "tab", fixture("tab-delimited.csv")])
        #expect(tab.status == 0)
        let bad = try CommandRunner.run(["validate", "--csv-delimiter", "x", fixture("tab-delimited.csv")])
        #expect(bad.status == 2)
        let badMapping = try CommandRunner.run(["validate", "--mapping", fixture("no-id-column.csv"), fixture("tab-delimited.csv")])
        #expect(badMapping.status == 2)
    }

    @Test func encodingOverrideAndUnsupported() throws {
        let undecided = try CommandRunner.run(["validate", fixture("undecidable-encoding-mac-roman.csv")])
        #expect(undecided.status == 1)
        #expect(undecided.stdout.contains("[encoding.unsupported]"))
        let forced = try CommandRunner.run(["harmonize", "--encoding", "windows-1251", fixture("russian-excel-cp1251-semicolon-decimal-comma.csv")])
        #expect(forced.status == 0)
    }

    @Test func russianSampleValidatesCleanly() throws {
        let outcome = try CommandRunner.run(["validate", TestPaths.sample("forwarder-manifest-ru.csv")])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("0 errors, 0 warnings, 0 infos"))
    }
}
