import CustomsPipeline
import CustomsTestSupport
import Testing

/// Reference tables beside declarations (the HS nomenclature, ISO currency list) are not read as
/// one declaration with thousands of goods items.
@Suite struct CSVCodeListTests {
    @Test(arguments: [
        ("codelists/harmonized-system.csv", "only hscode, description of its 5 columns"),
        ("codelists/currency-codes-all.csv", "only Currency of its 6 columns"),
    ])
    func aCodeListIsNoDeclarationCSV(file: String, message: String) throws {
        let result = try harmonized(TestPaths.corpus(file))
        #expect(result.declarations.isEmpty)
        #expect(result.findings.map(\.rule) == ["format.unknown"])
        #expect(result.findings.first?.message.contains(message) == true)
    }
}
