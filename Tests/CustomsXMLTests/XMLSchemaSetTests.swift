import CustomsTestSupport
import CustomsXML
import Foundation
import Testing

@Suite struct XMLSchemaSetTests {
    @Test func theSharedSchemaIsIndexedByItsGlobalElements() throws {
        let set = XMLSchemaSet(directories: [TestPaths.schemas.path])
        #expect(set.failures.isEmpty)
        for name in ["Declarations", "Declaration"] {
            guard case .compiled? = set.entry(for: XMLQualifiedName(namespace: "urn:customs-corridor:cbd:1", name: name)) else {
                Issue.record("\(name) is not indexed")
                continue
            }
        }
    }

    @Test func anXSDThatDoesNotCompileIsAFailureNotACrash() throws {
        let folder = try TestPaths.scratch()
        try """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:broken">
              <xs:element name="Broken" type="NoSuchType"/>
            </xs:schema>
            """.write(to: folder.appendingPathComponent("broken-type-reference.xsd"), atomically: true, encoding: .utf8)
        let set = XMLSchemaSet(directories: [folder.path])
        #expect(set.failures.count == 1)
        guard case .failed? = set.entry(for: XMLQualifiedName(namespace: "urn:broken", name: "Broken")) else {
            Issue.record("the broken XSD should still say which root it declares")
            return
        }
    }

    @Test func violationsCarryLines() throws {
        let folder = try TestPaths.scratch()
        let path = folder.appendingPathComponent("direction-not-in-list.xml").path
        try """
            <?xml version="1.0"?>
            <Declarations xmlns="urn:customs-corridor:cbd:1">
              <Declaration>
                <SourceFormat>cbd-xml</SourceFormat>
                <Direction>sideways</Direction>
              </Declaration>
            </Declarations>
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let set = XMLSchemaSet(directories: [TestPaths.schemas.path])
        guard case let .compiled(schema)? = set.entry(for: XMLQualifiedName(namespace: "urn:customs-corridor:cbd:1", name: "Declarations")) else {
            Issue.record("no schema")
            return
        }
        let outcome = XMLDocumentReader(path: path, schema: schema).read(role: { _ in .descend }, onRecord: { _ in })
        let violation = try #require(outcome.findings.first { $0.rule == "schema.violation" })
        #expect(violation.line == 5)
        #expect(violation.message.contains("sideways"))
    }
}
