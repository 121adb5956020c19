import CustomsPipeline
import CustomsTestSupport
import Testing

/// The small hostile files committed in `Tests/Fixtures/hostile/`, each named after its attack.
@Suite(.timeLimit(.minutes(20))) struct HostileFixtureTests {
    static let cases: [(file: String, rule: String)] = [
        ("external-entity-file.xml", "xml.dtd-forbidden"),
        ("external-entity-network.xml", "xml.dtd-forbidden"),
        ("external-dtd-network.xml", "xml.dtd-forbidden"),
        ("parameter-entity-file.xml", "xml.dtd-forbidden"),
        ("entity-expansion-bomb.xml", "xml.dtd-forbidden"),
        ("xinclude-local-file.xml", "xml.include-forbidden"),
        ("invalid-utf8-in-utf8.xml", "encoding.invalid"),
        ("nul-bytes.xml", "xml.malformed"),
        ("empty.xml", "file.empty"),
        ("binary-png-named.xml", "format.unknown"),
        ("utf16le-without-bom-or-declaration.xml", "xml.malformed"),
        ("csv-unclosed-quote.csv", "csv.malformed"),
        ("csv-nul-bytes.csv", "format.unknown"),
    ]

    @Test(arguments: cases)
    func givesItsFinding(_ file: String, _ rule: String) {
        Hostile.expect(Hostile.fixture(file), rule: rule)
    }

    /// A halt (here at the XInclude element in `ID`) stops the parser at once: what follows it
    /// (the `ID` left empty, the `Remarks` element) gives no schema error, whichever of the
    /// parser's chunks it falls in.
    @Test func aHaltStopsTheReadingWhereItFalls() throws {
        let checking = FileProcessor(configuration: try PipelineConfiguration.load(schemaDirectories: [TestPaths.schemas.path]))
        let result = checking.process(Hostile.fixture("xinclude-local-file.xml"))
        #expect(result.findings.map(\.rule) == ["schema.violation", "xml.include-forbidden"])
        #expect(result.findings.map(\.line) == [4, 4])
        #expect(result.findings.first?.message == "Element '{urn:customs-corridor:cbd:1}ID': Element content is not allowed, because the type definition is simple.")
    }

    /// UTF-16 without a byte-order mark but with its XML declaration is not guessed: `<?xml` in
    /// its first four bytes fixes the byte order (XML 1.0, appendix F). It is read exactly.
    @Test func utf16WithoutBOMButDeclaredIsReadExactly() {
        let result = Hostile.processor.process(TestPaths.fixture("xml/utf16le-without-bom-declared.xml"))
        #expect(result.declarations.map(\.id) == ["ЭКС-2024-001"])
        #expect(!result.findings.contains { $0.severity == .error })
    }
}
