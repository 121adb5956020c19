import CustomsXML

/// An element of a record read flat (``XMLFlatRecord``), by index: its fields are decoded as they
/// are read, as ``XMLField`` values (``XMLFlatRecord/field(at:)``).
struct FlatElement {
    var record: XMLFlatRecord
    var index: Int

    /// The first child with this local name, as a field.
    func child(_ name: String) -> XMLField? {
        record.child(name, of: index).map { record.field(at: $0) }
    }

    /// The element itself as a field: where a finding about it stands.
    var element: XMLField { record.field(at: index) }
}
