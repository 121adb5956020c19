public import CustomsCore
public import Foundation

/// One cell of a CSV file, with what a finding about it needs.
public struct CSVCell: Sendable {
    /// The text as filed, surrounding white space trimmed.
    public var text: String
    /// The header of its column, as written in the file.
    public var header: String
    /// Its 1-based row (the header is row 1).
    public var row: Int
    /// Its path in the shared declaration (`goodsItems[2].grossMassKg`).
    public var field: String {
        fieldPrefix.isEmpty ? fieldName : fieldPrefix + "." + fieldName
    }
    /// `goodsItems[2]`, `events[0]` or empty for a declaration column.
    public var fieldPrefix: String
    public var fieldName: String

    public init(text: String, header: String, row: Int, field: String, prefix: String = "") {
        self.text = text
        self.header = header
        self.row = row
        self.fieldName = field
        self.fieldPrefix = prefix
    }
}

/// Reading CSV cells into a declaration: the same rules as the XML helpers of
/// ``DeclarationDraft`` — an empty cell is an absent value, template text is `field.placeholder`,
/// a value that cannot be read exactly is `field.invalid` — with findings located by `row` and
/// `column` (the header name).
extension DeclarationDraft {
    /// Records a finding located at a CSV cell.
    public mutating func finding(_ rule: String, _ message: String, at cell: CSVCell, severity: Severity? = nil) {
        findings.append(Finding(
            rule: rule, severity: severity, message: message, file: declaration.source.file,
            column: .name(cell.header), row: cell.row, field: cell.field))
    }

    /// The cell's text, or `nil` when it is empty or a placeholder.
    public mutating func text(_ cell: CSVCell?) -> String? {
        guard let cell, let first = cell.text.utf8.first else { return nil }
        if first == UInt8(ascii: "s") || first == UInt8(ascii: "t") || first == UInt8(ascii: "#"), Placeholder.isPlaceholder(cell.text) {
            finding("field.placeholder", "\(cell.header) holds template text '\(cell.text)' instead of a value", at: cell)
            return nil
        }
        return cell.text
    }

    /// An exact decimal in the file's number format; `field.invalid` when the cell does not fit it.
    /// A converted value (grouping, decimal comma) keeps its text in `asFiled`.
    public mutating func decimal(_ cell: CSVCell?, format: CSVNumberFormat, asFiled: inout AsFiled) -> Decimal? {
        guard let cell, let text = text(cell) else { return nil }
        if let value = CSVNumberFormat.parse(text, as: format) {
            if !CSVNumberFormat.isPlain(text) { asFiled.set(cell.header, text) }
            return value
        }
        asFiled.set(cell.header, text)
        if CSVIdentifier.isScientific(text) {
            finding("field.invalid", "\(cell.header) '\(text)' is in scientific notation, as a spreadsheet shows a rounded number; it is not read", at: cell)
        } else if format == .undecided, CSVNumberFormat.isAmbiguous(text) {
            let comma = CSVNumberFormat.parse(text, as: .decimalComma).map(ExactDecimal.format) ?? "?"
            let point = CSVNumberFormat.parse(text, as: .decimalPoint).map(ExactDecimal.format) ?? "?"
            finding("field.invalid", "\(cell.header) '\(text)' is \(point) with a decimal point and \(comma) with a decimal comma, and the file's number format could not be decided from its rows; pass --locale (e.g. ru or en)", at: cell)
        } else {
            finding("field.invalid", "\(cell.header) '\(text)' is not a number in this file's format (\(format.example))", at: cell)
        }
        return nil
    }

    /// A whole number; `field.invalid` otherwise.
    public mutating func integer(_ cell: CSVCell?, format: CSVNumberFormat, asFiled: inout AsFiled) -> Int? {
        guard let cell, let value = decimal(cell, format: format, asFiled: &asFiled) else { return nil }
        guard let integer = Int(exactly: NSDecimalNumber(decimal: value).int64Value), Decimal(integer) == value else {
            finding("field.invalid", "\(cell.header) '\(cell.text)' is not a whole number", at: cell)
            return nil
        }
        return integer
    }

    /// An identifier (declaration number, tax id, code) as text, leading zeros kept; an id that a
    /// spreadsheet turned into scientific notation is `field.invalid`: its digits are lost.
    public mutating func identifier(_ cell: CSVCell?, asFiled: inout AsFiled) -> String? {
        guard let cell, let text = text(cell) else { return nil }
        if CSVIdentifier.isScientific(text) {
            asFiled.set(cell.header, text)
            finding("field.invalid", "\(cell.header) '\(text)' is an identifier in scientific notation: a spreadsheet stored it as a number and its original digits are lost; re-export the column as text", at: cell)
            return nil
        }
        return text
    }
}

extension CSVNumberFormat {
    /// How the format writes a number, for messages.
    var example: String {
        switch self {
        case .decimalComma: "decimal comma, e.g. 1 250,5"
        case .decimalPoint: "decimal point, e.g. 1,250.5"
        case .undecided: "a plain number"
        }
    }
}

/// What spreadsheets do to identifiers.
public enum CSVIdentifier {
    /// `2.2012E+17`, `2,20120E+17`, `1E+18`: a number in scientific notation.
    public static func isScientific(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        guard let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }) else { return false }
        let mantissa = bytes[..<e]
        var exponent = bytes[bytes.index(after: e)...]
        if let sign = exponent.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { exponent = exponent.dropFirst() }
        guard !exponent.isEmpty, exponent.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        var separators = 0
        var digits = 0
        for byte in mantissa {
            if byte >= 0x30 && byte <= 0x39 { digits += 1 }
            else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") { separators += 1 }
            else { return false }
        }
        return digits > 0 && separators <= 1
    }
}
