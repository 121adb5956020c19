public import CustomsCore
import CustomsXML
public import Foundation

/// A declaration being harmonized, with the findings about it.
///
/// Its reading helpers apply the product's rules for every value: surrounding white space is
/// trimmed, an empty element is an absent value, template text (`string`, `token`, `########`)
/// is `field.placeholder` and kept out of the declaration, and a number that cannot be read
/// exactly is `field.invalid` — never a guess. Every finding carries the element's line and
/// column and the field path in the shared declaration.
public struct DeclarationDraft: Sendable {
    public var declaration: Declaration
    /// Findings about this declaration; the pipeline fills in its key.
    public var findings: [Finding] = []

    public init(format: String, messageType: String, file: String, line: Int?) {
        declaration = Declaration(sourceFormat: format, source: SourceLocation(file: file, line: line))
        declaration.messageType = messageType
    }

    /// The trimmed text of `element`, or `nil` when it is absent, empty or a placeholder.
    /// `field` (the field path) is made only for a finding.
    public mutating func text<Field: FiledField>(_ element: Field?, field: @autoclosure () -> String) -> String? {
        guard let element else { return nil }
        return text(element, field: field())
    }

    /// ``text(_:field:)`` of an element that is there: the helpers that have unwrapped one read
    /// it through this, without wrapping it again (a copy of the element).
    public mutating func text(_ element: some FiledField, field: @autoclosure () -> String) -> String? {
        let text = element.trimmedText
        guard !text.isEmpty else { return nil }
        if Placeholder.isPlaceholder(text) {
            finding("field.placeholder", "\(element.name) holds template text '\(text)' instead of a value", at: element, field: field())
            return nil
        }
        return text
    }

    /// The exact decimal in `element`; `field.invalid` when its text is not a plain number.
    public mutating func decimal<Field: FiledField>(_ element: Field?, field: @autoclosure () -> String) -> Decimal? {
        guard let element, let text = text(element, field: field()) else { return nil }
        return decimal(text, element: element, field: field())
    }

    /// A whole number in `element`; `field.invalid` otherwise.
    public mutating func integer<Field: FiledField>(_ element: Field?, field: @autoclosure () -> String) -> Int? {
        guard let element, let text = text(element, field: field()) else { return nil }
        return integer(text, element: element, field: field())
    }

    private mutating func decimal(_ text: String, element: some FiledField, field: @autoclosure () -> String) -> Decimal? {
        guard let value = ExactDecimal.parse(text) else {
            finding("field.invalid", "\(element.name) '\(text)' is not a decimal number", at: element, field: field())
            return nil
        }
        return value
    }

    private mutating func integer(_ text: String, element: some FiledField, field: @autoclosure () -> String) -> Int? {
        guard let value = decimal(text, element: element, field: field()) else { return nil }
        // Plain digits (a sequence number) are that whole number: no detour through NSDecimalNumber.
        let digits = text.utf8
        if (1...18).contains(digits.count), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        guard let integer = Int(exactly: NSDecimalNumber(decimal: value).int64Value), Decimal(integer) == value else {
            finding("field.invalid", "\(element.name) '\(text)' is not a whole number", at: element, field: field())
            return nil
        }
        return integer
    }

    /// Records `field.missing` for a required value.
    public mutating func missing<Field: FiledField>(_ what: String, at element: Field?, field: String) {
        finding("field.missing", what, at: element, field: field)
    }

    /// Records a finding at `element`'s line and column (the declaration's line when there is
    /// no element).
    public mutating func finding<Field: FiledField>(_ rule: String, _ message: String, at element: Field?, field: String?, severity: Severity? = nil) {
        findings.append(Finding(
            rule: rule, severity: severity, message: message, file: declaration.source.file,
            line: element?.line ?? declaration.source.line, column: (element?.column ?? 0) > 0 ? element.map { .number($0.column) } : nil,
            field: field))
    }
}

/// Template text left in a filled-in form.
public enum Placeholder {
    /// `string`, `token` (schema sample generators), runs of `#` (`########`) and unfilled
    /// template fields `{{NAME}}` (`{{LRN}}`).
    public static func isPlaceholder(_ text: String) -> Bool {
        guard let first = text.utf8.first, mayStart(with: first) else { return false }
        if text == "string" || text == "token" { return true }
        if text.count > 4, text.hasPrefix("{{"), text.hasSuffix("}}") { return true }
        return text.count >= 3 && text.allSatisfy { $0 == "#" }
    }

    /// Whether untrimmed element text could be a placeholder once trimmed: its first byte past
    /// XML white space starts one (`s`, `t`, `{`, `#`). A cheap test before any String work.
    public static func mayBePlaceholder(untrimmed text: String) -> Bool {
        guard let first = text.utf8.first(where: { !XMLText.isSpace($0) }) else { return false }
        return mayStart(with: first)
    }

    /// Whether text starting with this byte could be template text (`s`, `t`, `{`, `#`): the
    /// test on a first byte that text must pass before any String work.
    static func mayStart(with byte: UInt8) -> Bool {
        byte == UInt8(ascii: "s") || byte == UInt8(ascii: "t") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "#")
    }
}
