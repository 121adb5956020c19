import CustomsXML
import Testing

/// A finder finds under each element what ``XMLFlatRecord/child(_:of:)`` finds for each name,
/// whether the element's children repeat the names of the last element's or not.
@Suite struct XMLChildFinderTests {
    /// A record of `Item` elements, each with children of these names.
    static func record(_ items: [[String]]) -> XMLFlatRecord {
        XMLFlatRecord(XMLElement(name: "Record", children: items.enumerated().map { index, names in
            XMLElement(name: "Item", children: names.map { XMLElement(name: $0, text: $0) }, line: index + 2)
        }))
    }

    @Test func findsTheFirstChildOfEachNameUnderEachElement() {
        let names = XMLChildNames(["a", "bb", "cc", "d", "consigneeAddress"])
        let record = Self.record([
            ["a", "bb", "x", "cc", "d", "consigneeAddress", "e"],
            // The same names up to the last one found: found again by position.
            ["a", "bb", "x", "cc", "d", "consigneeAddress", "a"],
            ["a", "bb", "xx", "cc", "d", "consigneeAddress"],
            // Twice the same name, two names missing: read to the end.
            ["bb", "bb", "a", "consigneeAddress"],
            ["bb", "bb", "a", "consigneeAddress"],
            ["bb", "bb", "a", "consigneeAddress", "cc"],
            ["bb", "bb"],
            [],
            [],
            ["d", "cc", "bb", "a", "consigneeAddress"],
            ["d", "cc", "bb", "a", "consigneeAddress"],
            ["d", "cc", "bb", "a", "e"],
        ])
        var finder = XMLChildFinder(names, in: record)
        for item in record.children("Item", of: 0) {
            finder.find(under: item)
            #expect(finder.found == names.names.map { record.child($0, of: item) })
        }
    }

    @Test func findsUnderElementsOfAnyKindInTurn() {
        let names = XMLChildNames(["a", "b"])
        let record = XMLFlatRecord(XMLElement(name: "Record", children: [
            XMLElement(name: "Head", children: [XMLElement(name: "b"), XMLElement(name: "a")]),
            XMLElement(name: "Item", children: [XMLElement(name: "a", children: [XMLElement(name: "b")]), XMLElement(name: "b")]),
            XMLElement(name: "Item", children: [XMLElement(name: "a"), XMLElement(name: "b")]),
        ]))
        var finder = XMLChildFinder(names, in: record)
        for parent in 0..<record.count {
            finder.find(under: parent)
            #expect(finder.found == names.names.map { record.child($0, of: parent) })
        }
    }
}
