/// An element of a record read flat (``XMLFlatRecord``) as a field's value: its local name, its
/// text without the white space around it, and where its start tag stands — all that reading a
/// value and making a finding about it look at, the text decoded once (``XMLFlatRecord/field(at:)``).
public struct XMLField: Sendable, Hashable {
    /// The local name.
    public var name: String
    /// The element's own character data without XML white space around it.
    public var trimmedText: String
    /// The 1-based line of the start tag.
    public var line: Int
    /// The column of the start tag; 0 when unknown (as ``XMLElement/column``).
    public var column: Int

    /// A field of this name and trimmed text, its start tag at `line` and `column`.
    public init(name: String, trimmedText: String, line: Int, column: Int) {
        self.name = name
        self.trimmedText = trimmedText
        self.line = line
        self.column = column
    }
}
