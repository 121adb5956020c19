import CustomsCore
import CustomsFormats
import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

/// The shared schema's own XML round-trips: harmonize → JSON and XML; the XML validates against
/// Schemas/cbd.xsd and harmonizes back to the same JSON.
@Suite struct RoundTripTests {
    @Test func theSharedSchemaSampleRoundTrips() throws {
        let sample = TestPaths.sample("cbd-rail-consignment-altynkol.xml")
        let first = try CommandRunner.run(["harmonize", "--format", "json", sample])
        #expect(first.status == 0, "\(first.stdout)")
        let xml = try CommandRunner.run(["harmonize", "--format", "xml", sample])
        #expect(xml.status == 0)
        let folder = try TestPaths.scratch()
        let written = folder.appendingPathComponent("round-trip.xml")
        try xml.stdout.write(to: written, atomically: true, encoding: .utf8)

        let validated = try CommandRunner.run(["validate", "--format", "json", "--schemas", "Schemas", written.path])
        #expect(validated.status == 0, "\(validated.stdout)")
        #expect(!validated.stdout.contains("schema.violation"))

        let second = try CommandRunner.run(["harmonize", "--format", "json", written.path])
        #expect(second.status == 0)
        let a = try declarationsWithoutSource(first.stdout)
        let b = try declarationsWithoutSource(second.stdout)
        #expect(a.count == 2)
        #expect(a == b)
    }

    @Test func valuesSurviveExactly() throws {
        let configuration = try PipelineConfiguration.load()
        let result = FileProcessor(configuration: configuration).process(TestPaths.sample("cbd-rail-consignment-altynkol.xml"))
        #expect(result.format == "cbd-xml")
        let export = try #require(result.declarations.first)
        #expect(export.totals?.grossMassKg == Decimal(string: "18240.5"))
        #expect(export.goodsItems[1].unitPrice == Decimal(string: "2.4018"))
        #expect(export.lodgedAt?.rfc3339 == "2025-04-02T09:42:10+08:00")
        #expect(export.goodsItems[0].asFiled["GUnit"] == "007")
        let json = DeclarationJSON(maskPersonalData: true).json(export).serialized()
        #expect(json.contains(#""grossMassKg": 18240.5"#))
        #expect(json.contains(#""amount": 48250"#))
    }

    /// The `declarations` array with each declaration's `source` removed (it names the file).
    private func declarationsWithoutSource(_ output: String) throws -> [NSDictionary] {
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        let declarations = try #require(json?["declarations"] as? [[String: Any]])
        return declarations.map { declaration in
            var copy = declaration
            copy.removeValue(forKey: "source")
            return copy as NSDictionary
        }
    }
}
