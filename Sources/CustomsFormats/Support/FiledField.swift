public import CustomsXML

/// A field as filed: the element a value is read from, with all that the reading helpers of
/// ``DeclarationDraft`` look at — for the value, its `asFiled` entry and a finding about it.
/// An ``XMLElement`` is one; so is an ``XMLField`` of a record read flat, its text decoded once.
public protocol FiledField {
    /// The element's local name: the name of its `asFiled` entry, and what a finding calls it.
    var name: String { get }
    /// The text without the white space around it.
    var trimmedText: String { get }
    /// The 1-based line of the element's start tag.
    var line: Int { get }
    /// The column of the element's start tag; 0 when unknown.
    var column: Int { get }
}

extension XMLElement: FiledField {}

extension XMLField: FiledField {}
