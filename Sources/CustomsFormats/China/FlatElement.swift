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
/// ``XMLElement`` values only when read, and only with what reading a value looks at.
struct FlatElement: ChinaFieldSource {
    var record: XMLFlatRecord
    var index: Int

    /// The field's name, text, line and column: all the reading helpers of ``DeclarationDraft``
    /// look at (``XMLFlatRecord/fieldElement(at:)``).
    func child(_ name: String) -> XMLElement? {
        record.child(name, of: index).map { record.fieldElement(at: $0) }
    }

    var line: Int { record.line(index) }

    /// The element without its children: what a finding about it reads.
    var element: XMLElement { record.shallowElement(at: index) }
}
