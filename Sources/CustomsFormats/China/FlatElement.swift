import CustomsXML

/// What a Chinese goods item's reading asks of its element: its fields by name, its line, and
/// itself for a finding about it. An ``XMLElement`` is one; so is a ``FlatElement``.
protocol ChinaFieldSource {
    /// The first child with this local name, as an ``XMLElement``.
    func child(_ name: String) -> XMLElement?
    /// The 1-based line of the element's start tag.
    var line: Int { get }
    /// The element for a finding about it (its line and column).
    var element: XMLElement { get }
}

extension XMLElement: ChinaFieldSource {
    var element: XMLElement { self }
}

/// An element of a record read flat (``XMLFlatRecord``), by index: its fields become
/// ``XMLElement`` values only when read.
struct FlatElement: ChinaFieldSource {
    var record: XMLFlatRecord
    var index: Int

    func child(_ name: String) -> XMLElement? {
        record.child(name, of: index).map { record.element(at: $0) }
    }

    var line: Int { record.line(index) }

    /// The element without its children: what a finding about it reads.
    var element: XMLElement { record.shallowElement(at: index) }
}
