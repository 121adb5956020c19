import CustomsCore
import CustomsTestSupport
import CustomsXML
import Foundation
import Testing

@Suite struct XMLDocumentReaderTests {
    @Test func anErrorOnLine70000IsReportedOnLine70000() throws {
        let folder = try TestPaths.scratch()
        let path = folder.appendingPathComponent("error-on-line-70000.xml").path
        var text = "<?xml version=\"1.0\"?>\n<Declarations xmlns=\"urn:customs-corridor:cbd:1\">\n"
        for _ in 3..<70_000 { text += "<!-- padding -->\n" }
        text += "<Declaration><ID>1</ID></Declaratio>\n</Declarations>\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = XMLDocumentReader(path: path).read(role: { _ in .descend }, onRecord: { _ in })
        let finding = try #require(outcome.findings.first)
        #expect(finding.rule == "xml.malformed")
        #expect(finding.line == 70_000)
        #expect(outcome.stopped)
    }

    @Test func recordsAreHandedOverWithLinesAndText() throws {
        var records: [XMLElement] = []
        let outcome = XMLDocumentReader(path: TestPaths.sample("cbd-rail-consignment-altynkol.xml")).read(
            role: { $0.name == "Declaration" ? .record : .descend }, onRecord: { records.append($0) })
        #expect(outcome.findings.isEmpty)
        #expect(records.count == 2)
        #expect(records[0].line == 6)
        #expect(records[0].child("ID")?.text == "650120250000234567")
        #expect(records[1].path("Importer", "Name")?.text == "ТОО «Алатау Техника»")
        #expect(records[1].descendants("GovernmentAgencyGoodsItem").count == 2)
    }

    @Test func aDoctypeStopsReadingBeforeAnyEntity() throws {
        var records = 0
        let outcome = XMLDocumentReader(path: TestPaths.fixture("xml/external-entity-reads-local-file.xml")).read(
            role: { _ in .record }, onRecord: { _ in records += 1 })
        #expect(outcome.findings.map(\.rule) == ["xml.dtd-forbidden"])
        #expect(records == 0)
    }

    @Test func nestingBeyondTheLimitIsAFinding() throws {
        let folder = try TestPaths.scratch()
        let path = folder.appendingPathComponent("nesting-300-deep.xml").path
        let text = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = XMLDocumentReader(path: path).read(role: { _ in .descend }, onRecord: { _ in })
        #expect(outcome.findings.first?.rule == "xml.limit")
        #expect(outcome.findings.first?.message.contains("nesting deeper than") == true)
    }
}
