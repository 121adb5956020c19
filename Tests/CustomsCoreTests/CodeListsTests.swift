import CustomsCore
import CustomsTestSupport
import Foundation
import Testing

@Suite struct CodeListsTests {
    let lists: CodeLists

    init() throws {
        lists = try CodeLists(directory: TestPaths.schemas)
    }

    /// The HS tables are read by column position: the same subheadings as their rows read as
    /// records keyed by the header.
    @Test func hsEditionsAreTheLevel6CodesOfEachTable() throws {
        for (year, file) in [(2017, "codelists/harmonized-system-2017.csv"), (2022, "codelists/harmonized-system-2022.csv")] {
            let text = try String(contentsOf: TestPaths.schemas.appendingPathComponent(file), encoding: .utf8)
            let records = DelimitedTable.records(text)
            let expected = Set(records.filter { $0["level"] == "6" }.compactMap { $0["hscode"] })
            #expect(lists.hsEditions[year] == expected)
            #expect(expected.count > 5000)
        }
    }

    /// Rows read for some columns keep their shape: the header whole, the other fields of a row
    /// empty, quoted commas and doubled quotes read as ``DelimitedTable/parse(_:delimiter:)`` reads them.
    @Test func rowsReadForSomeColumnsKeepOnlyThoseValues() {
        let text = "code,description,level\r\n01,\"Animals, live\",2\n\n0101,\"Horses \"\"and\"\" asses\",4\n010121,Pure-bred,6"
        var rows: [[String]] = []
        DelimitedTable.forEachRow(text, columns: ["code", "level"]) { rows.append($0) }
        #expect(rows == [["code", "description", "level"], ["01", "", "2"], ["0101", "", "4"], ["010121", "", "6"]])
        #expect(DelimitedTable.parse(text).map { [$0[0], $0[2]] } == rows.map { [$0[0], $0[2]] })
        #expect(DelimitedTable.parse(text)[2][1] == "Horses \"and\" asses")
    }

    @Test func numericCountryIsReadInTheAuthoritysSystem() {
        #expect(lists.country("142", authority: .china).value == "CN")
        #expect(lists.country("156", authority: .isoNumeric).value == "CN")
        #expect(lists.country("398", authority: .eaeu).value == "KZ")
        #expect(lists.country("KZ", authority: nil).value == "KZ")
    }

    @Test func unknownAuthorityReadsACodeThatOnlyOneSystemHas() {
        // 121 is Macao in China's table and no ISO numeric country.
        #expect(lists.country("121", authority: nil) == .resolved("MO", system: .china))
        // 398 is Kazakhstan in ISO numeric; China's table has no 398.
        #expect(lists.country("398", authority: nil) == .resolved("KZ", system: .isoNumeric))
    }

    @Test func aCodeInBothSystemsWithDifferentMeaningsIsAmbiguous() {
        // 344 is Russia in China's table and Hong Kong in ISO numeric.
        #expect(lists.country("344", authority: nil) == .ambiguous(china: "RU", iso: "HK"))
        #expect(lists.country("344", authority: .china).value == "RU")
        #expect(lists.country("344", authority: .isoNumeric).value == "HK")
    }

    @Test func unitsCarryTheirMultipliers() {
        #expect(lists.unit("035", in: .china) == .found(UnitMapping(rec20: "KGM", factor: 1)))
        #expect(lists.unit("007", in: .china) == .found(UnitMapping(rec20: "H87", factor: 1)))
        #expect(lists.unit("038", in: .china) == .found(UnitMapping(rec20: "H87", factor: 10_000)))
        #expect(lists.unit("166", in: .eaeu) == .found(UnitMapping(rec20: "KGM", factor: 1)))
        #expect(lists.unit("999", in: .china) == .unknown)
    }

    @Test func bondedMovementsAreNoTransportMode() {
        #expect(lists.transportMode("3", in: .china) == .found(.rail))
        if case .noCounterpart = lists.transportMode("W", in: .china) {} else { Issue.record("W is not a mode") }
        #expect(lists.transportMode("20", in: .eaeu) == .found(.rail))
        #expect(lists.transportMode("Q", in: .china) == .unknown)
    }

    @Test func hsEditionsDiffer() throws {
        let hs2017 = try #require(lists.hsEditions[2017])
        let hs2022 = try #require(lists.hsEditions[2022])
        #expect(hs2017.contains("854140"))
        #expect(!hs2022.contains("854140"))
        #expect(hs2022.contains("854141"))
        #expect(hs2022.contains("850450") && hs2017.contains("850450"))
    }
}
