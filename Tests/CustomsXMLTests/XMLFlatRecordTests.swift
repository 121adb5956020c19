import CustomsTestSupport
import CustomsXML
import Foundation
import Testing

/// A record read flat holds what its element tree holds: names, namespaces, attributes, texts,
/// lines and the children in order.
@Suite struct XMLFlatRecordTests {
    static let cebSample = TestPaths.corpus("cn-ceb/CEB621Message.xml")

    /// Every record of a document, as a tree and flat.
    static func bothReadings(_ path: String, record: String) -> (trees: [XMLElement], flat: [XMLFlatRecord]) {
        let reader = XMLDocumentReader(path: path)
        var trees: [XMLElement] = []
        var flat: [XMLFlatRecord] = []
        let role: (XMLStartTag) -> XMLNodeRole = { $0.name == record ? .record : .descend }
        let treeOutcome = reader.read(role: role, onRecord: { trees.append($0) })
        let flatOutcome = reader.readFlat(role: role, onRecord: { flat.append($0) })
        #expect(treeOutcome.findings == flatOutcome.findings)
        #expect(treeOutcome.stopped == flatOutcome.stopped)
        return (trees, flat)
    }

    @Test func theStreamingReaderGivesTheTreeFlat() throws {
        let (trees, flat) = Self.bothReadings(Self.cebSample, record: "Inventory")
        #expect(trees.count == 10)
        #expect(flat.count == trees.count)
        for (tree, record) in zip(trees, flat) {
            #expect(record.element(at: 0) == tree)
            #expect(record.line(0) == tree.line)
        }
        let first = try #require(flat.first)
        let head = try #require(first.child("InventoryHead", of: 0))
        let id = try #require(first.child("copNo", of: head))
        #expect(first.text(id) == trees[0].path("InventoryHead", "copNo")?.text)
        #expect(first.children("InventoryList", of: 0).count == trees[0].children("InventoryList").count)
        #expect(first.child("noSuchField", of: head) == nil)
        #expect(!first.hasChildren(id))
        #expect(first.hasChildren(head))
    }

    @Test func aTreeMadeFlatIsTheSameTree() {
        let tree = XMLElement(
            name: "Record", namespace: "urn:a", attributes: [XMLAttribute(name: "id", value: "7")],
            children: [
                XMLElement(name: "A", namespace: "urn:a", text: " one ", line: 2, column: 4),
                XMLElement(name: "B", namespace: "urn:b", children: [
                    XMLElement(name: "C", attributes: [XMLAttribute(name: "x", namespace: "urn:x", value: "y")], text: "two", line: 4),
                ], line: 3),
                XMLElement(name: "A", text: "three", line: 5),
            ],
            text: "tail", line: 1)
        let record = XMLFlatRecord(tree)
        #expect(record.count == 5)
        #expect(record.element(at: 0) == tree)
        #expect(record.children("A", of: 0) == [1, 4])
        #expect(record.child("C", of: 2) == 3)
        #expect(record.column(1) == 4)
        #expect(record.shallowElement(at: 2) == XMLElement(name: "B", namespace: "urn:b", line: 3))
    }

    /// A field's text is the element's text trimmed as ``XMLText/trimmed(_:)`` trims it; only the
    /// leaves whose text starts with a byte that passes the test are named.
    @Test func fieldsAndLeavesAreReadFromTheBytes() {
        let record = XMLFlatRecord(XMLElement(name: "R", children: [
            XMLElement(name: "A", text: " \t one two\n", line: 2, column: 3),
            XMLElement(name: "B", text: "   ", line: 3),
            XMLElement(name: "C", text: "всё ", line: 4),
            XMLElement(name: "D", children: [XMLElement(name: "E", text: "#x", line: 6)], text: "tail", line: 5),
            // The space after a prepended mark (U+0600) is part of its character: it stays.
            XMLElement(name: "F", text: " ABC\u{600} ", line: 7),
        ], line: 1))
        for index in 0..<record.count {
            #expect(record.field(at: index) == XMLField(
                name: record.name(index), trimmedText: XMLText.trimmed(record.text(index)), line: record.line(index),
                column: record.column(index)))
        }
        #expect(record.field(at: 1).trimmedText == "one two")
        #expect(record.field(at: 6).trimmedText == "ABC\u{600} ")
        #expect(record.leaves(withTextStartingWith: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "o") }) == [1, 5])
        #expect(record.leaves(withTextStartingWith: { $0 == UInt8(ascii: "t") }).isEmpty)
    }

    @Test func attributesAndTextSplitByCommentsAreKept() throws {
        let folder = try TestPaths.scratch()
        let path = folder.appendingPathComponent("record.xml").path
        try """
        <?xml version="1.0"?>
        <Root xmlns="urn:r"><Item code="a&amp;b" p:x="1" xmlns:p="urn:p">one<!-- c -->two<![CDATA[ three ]]>
          <Sub/>   </Item><Item>  </Item></Root>
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let (trees, flat) = Self.bothReadings(path, record: "Item")
        #expect(trees.count == 2)
        #expect(flat.map { $0.element(at: 0) } == trees)
        #expect(flat.first?.element(at: 0).attributes.map(\.value) == ["a&b", "1"])
    }

    /// An element's text read after a child's text (its bytes no longer last in the record) is
    /// still one text, as in the tree; so are texts of several bytes per character.
    @Test func textAroundChildrenAddsUpInOneElement() throws {
        let path = try TestPaths.scratch().appendingPathComponent("record.xml").path
        try """
        <?xml version="1.0"?>
        <Root><Item>один<A>α</A>два<!-- c --><B>β<C>γ</C>б</B>три<![CDATA[ ж ]]></Item><Item><A>x</A>y</Item></Root>
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let (trees, flat) = Self.bothReadings(path, record: "Item")
        #expect(trees.count == 2)
        #expect(flat.map { $0.element(at: 0) } == trees)
        #expect(flat.first?.text(0) == "одиндватри ж ")
        #expect(flat.first.map { XMLFlatRecord($0.element(at: 0)).element(at: 0) } == trees.first)
    }
}
