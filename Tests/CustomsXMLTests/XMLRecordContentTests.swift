import CustomsCore
import CustomsTestSupport
import CustomsXML
import Foundation
import Testing

/// What a record holds once read: the text and attribute values as the document means them, and
/// a malformed document with a schema attached is a finding, never a crash.
@Suite struct XMLRecordContentTests {
    private func read(_ text: String, schema: XMLSchema? = nil) throws -> (XMLReadOutcome, [XMLElement]) {
        let folder = try TestPaths.scratch()
        let path = folder.appendingPathComponent("record.xml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var records: [XMLElement] = []
        let outcome = XMLDocumentReader(path: path, schema: schema).read(
            role: { $0.name == "Declaration" ? .record : .descend }, onRecord: { records.append($0) })
        return (outcome, records)
    }

    @Test func referencesInTextAndAttributesAreResolved() throws {
        let (outcome, records) = try read("""
            <Declarations><Declaration>
            <ID code="a &amp; b &#38; c &lt; &#x41;">x &amp; y &#38; &lt;z&gt; &#x41;</ID>
            </Declaration></Declarations>
            """)
        #expect(outcome.findings.isEmpty)
        let id = try #require(records.first?.child("ID"))
        #expect(id.attribute("code") == "a & b & c < A")
        #expect(id.text == "x & y & <z> A")
    }

    @Test func whiteSpaceBetweenElementsIsNoTextButCDATAIs() throws {
        let (_, records) = try read("""
            <Declarations><Declaration>
              <Remarks>  <!-- c -->  tail </Remarks>
              <Blank>   </Blank>
              <Data><![CDATA[ <kept> ]]><![CDATA[   ]]></Data>
              <Mixed>a<b/>  <c/>d</Mixed>
            </Declaration></Declarations>
            """)
        let record = try #require(records.first)
        #expect(record.text == "")
        #expect(record.child("Remarks")?.text == "  tail ")
        #expect(record.child("Blank")?.text == "")
        #expect(record.child("Data")?.text == " <kept>    ")
        #expect(record.child("Mixed")?.text == "ad")
        #expect(record.child("Mixed")?.children.map(\.name) == ["b", "c"])
        #expect(record.child("Mixed")?.line == 5)
    }

    @Test func aTruncatedDocumentWithASchemaIsAFindingNotACrash() throws {
        let set = XMLSchemaSet(directories: [TestPaths.schemas.path])
        guard case let .compiled(schema)? = set.entry(for: XMLQualifiedName(namespace: "urn:customs-corridor:cbd:1", name: "Declarations")) else {
            Issue.record("no schema")
            return
        }
        var records = 0
        let outcome = XMLDocumentReader(path: TestPaths.fixture("xml/truncated-before-root-end.xml"), schema: schema).read(
            role: { $0.name == "Declaration" ? .record : .descend }, onRecord: { _ in records += 1 })
        #expect(outcome.stopped)
        #expect(outcome.findings.contains { $0.rule == "xml.malformed" && $0.message.contains("truncated") })
        #expect(records == 1)
    }
}
