import CustomsCore
import CustomsFormats
import CustomsTestSupport
import CustomsXML
import Foundation
import Testing

/// The cbd-xml adapter reads a record flat exactly as it reads the record's element tree: the
/// same declarations, the same findings, the same reading outcome.
@Suite struct CBDFlatReadingTests {
    /// Every cbd-xml document among the Samples and the test fixtures.
    static let documents: [String] = {
        let root = TestPaths.packageRoot
        var found: [String] = []
        for folder in ["Samples", "Tests/Fixtures"] {
            let base = root.appendingPathComponent(folder)
            guard let walk = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walk where url.pathExtension == "xml" {
                guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size < 1 << 20,
                      String(decoding: Self.prefix(of: url.path), as: UTF8.self).contains(CBDXML.namespace) else { continue }
                found.append(url.path)
            }
        }
        return found.sorted()
    }()

    /// The first 4 KB of a file, read with `fopen`: `Data(contentsOf:)` over these folders left
    /// two 4 KB read buffers of FoundationEssentials' `readBytesFromFile` unfreed, which fails the
    /// AddressSanitizer run's leak check.
    static func prefix(of path: String) -> [UInt8] {
        guard let file = fopen(path, "rb") else { return [] }
        defer { fclose(file) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = fread(&bytes, 1, bytes.count, file)
        return Array(bytes.prefix(count))
    }

    static func bothReadings(_ path: String, schema: XMLSchema? = nil) throws -> (tree: [DeclarationDraft], flat: [DeclarationDraft]) {
        let codeLists = try CodeLists(directory: TestPaths.schemas)
        let adapter = CBDXMLAdapter()
        let reader = XMLDocumentReader(path: path, schema: schema)
        var tree: [DeclarationDraft] = []
        var flat: [DeclarationDraft] = []
        var treeContext = HarmonizeContext(file: path, codeLists: codeLists, messageType: "Declarations")
        var flatContext = treeContext
        let treeOutcome = reader.read(role: adapter.role(for:)) { tree += adapter.harmonize($0, context: &treeContext) }
        let flatOutcome = reader.readFlat(role: adapter.role(for:)) { flat += adapter.harmonize(flat: $0, context: &flatContext) }
        #expect(flatOutcome.findings == treeOutcome.findings)
        #expect(flatOutcome.stopped == treeOutcome.stopped)
        #expect(flatContext.fileFindings == treeContext.fileFindings)
        return (tree, flat)
    }

    @Test func theSamplesAndFixturesReadTheSameFlat() throws {
        #expect(Self.documents.count >= 10)
        var declarations = 0
        for path in Self.documents {
            let (tree, flat) = try Self.bothReadings(path)
            #expect(flat.map(\.declaration) == tree.map(\.declaration), "\(path)")
            #expect(flat.map(\.findings) == tree.map(\.findings), "\(path)")
            declarations += flat.count
        }
        #expect(declarations > 10)
    }

    @Test func findingsOfEveryKindReadTheSameFlat() throws {
        var text = try String(contentsOfFile: TestPaths.sample("cbd-rail-consignment-altynkol.xml"), encoding: .utf8)
        // A value that is no known code, a bad date and time, template text, a bad number, an
        // absent sequence number's neighbour with letters in it.
        text = text.replacing(#/<Direction>[^<]*</Direction>/#, with: "<Direction>sideways</Direction>")
        text = text.replacing(#/<LodgementDate>[^<]*</LodgementDate>/#, with: "<LodgementDate>2025-13-45</LodgementDate>")
        text = text.replacing(#/<LodgementDateTime>[^<]*</LodgementDateTime>/#, with: "<LodgementDateTime>noon</LodgementDateTime>")
        text = text.replacing(#/<Amount>[^<]*</Amount>/#, with: "<Amount> string </Amount>")
        text = text.replacing(#/<TotalPackageQuantity>[^<]*</TotalPackageQuantity>/#, with: "<TotalPackageQuantity>3x</TotalPackageQuantity>")
        text = text.replacing(#/<SequenceNumeric>1</SequenceNumeric>/#, with: "<SequenceNumeric>1.5</SequenceNumeric>")
        let path = try TestPaths.scratch().appendingPathComponent("cbd-findings.xml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (tree, flat) = try Self.bothReadings(path)
        #expect(!flat.isEmpty)
        #expect(flat.map(\.declaration) == tree.map(\.declaration))
        #expect(flat.map(\.findings) == tree.map(\.findings))
        let rules = Set(flat.flatMap(\.findings).map(\.rule))
        #expect(rules.isSuperset(of: ["field.invalid", "field.placeholder"]))
    }

    /// Values read straight from the flat record (no element made unless a finding names one):
    /// trimmed, placeholders and bad values found with the element's name and the field path.
    @Test func valuesAndFindingsReadStraightFromTheRecord() throws {
        var text = try String(contentsOfFile: TestPaths.sample("cbd-rail-consignment-altynkol.xml"), encoding: .utf8)
        text = text.replacing(#/<GoodsItemQuantity>[^<]*</GoodsItemQuantity>/#, with: "<GoodsItemQuantity> 2.0 </GoodsItemQuantity>")
        text = text.replacing(#/<UnitPriceAmount>1450</UnitPriceAmount>/#, with: "<UnitPriceAmount>\n  1450.00  </UnitPriceAmount>")
        text = text.replacing(#/<BorderTransportModeCode>[^<]*</BorderTransportModeCode>/#, with: "<BorderTransportModeCode>########</BorderTransportModeCode>")
        text = text.replacing(#/<HSSubheadingCode>843149</HSSubheadingCode>/#, with: "<HSSubheadingCode>  843149\t</HSSubheadingCode>")
        text = text.replacing(#/<Quantity>24</Quantity>/#, with: "<Quantity>1e5</Quantity>")
        // A prepended concatenation mark and a space make one character: trimming keeps the space,
        // as it does for an element's text anywhere (XMLText.trimmed).
        text = text.replacing(#/<Description>[^<]*</Description>/#, with: "<Description> ABC&#x600; </Description>")
        let path = try TestPaths.scratch().appendingPathComponent("cbd-values.xml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (_, flat) = try Self.bothReadings(path)
        let first = try #require(flat.first)
        #expect(first.declaration.totals?.goodsItemCount == 2)
        let item = try #require(first.declaration.goodsItems.first)
        #expect(item.hsCode == "843149")
        #expect(item.unitPrice == 1450)
        #expect(item.unitPriceDecimals == 2)
        #expect(item.quantity == nil)
        #expect(item.description == "ABC\u{600} ")
        #expect(item.description == XMLText.trimmed(" ABC\u{600} "))
        #expect(first.declaration.transportMode == nil)
        let messages = first.findings.map { "\($0.rule) \($0.field ?? "") \($0.message)" }
        #expect(messages.contains("field.placeholder transportMode BorderTransportModeCode holds template text '########' instead of a value"))
        #expect(messages.contains("field.invalid goodsItems[0].quantity Quantity '1e5' is not a decimal number"))
    }
}
