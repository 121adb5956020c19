import CustomsCore
import Foundation

/// The cells of one row that need no conversion and give no finding, read straight from the
/// row's bytes: a plain number (`-1250.5`, nothing for `asFiled`), a code of digits of an
/// expected length, a code already in the form the shared declaration keeps.
///
/// Each reader answers `nil` for an empty cell and for anything else — template text (a cell
/// starting with `s`, `t` or `#` is never taken here), a number in another form, a code to map —
/// and the caller then reads the cell through ``CSVCell`` and the `DeclarationDraft` readers,
/// which say what is wrong with it. So a value taken here is the value the full path would give.
struct CSVPlainCell {
    let record: CSVRecord
    let columns: CSVColumns
    let format: CSVNumberFormat

    private func column(_ field: CSVField) -> Int? {
        guard let column = columns.index[field], !record.isEmpty(column) else { return nil }
        return column
    }

    /// True when the first byte of the cell could start template text (`string`, `token`, `###`).
    private func mayBePlaceholder(_ column: Int) -> Bool {
        record.withBytes(column) { bytes in
            let first = bytes[0]
            return first == UInt8(ascii: "s") || first == UInt8(ascii: "t") || first == UInt8(ascii: "#")
        }
    }

    /// A number already plain in the file's format.
    func decimal(_ field: CSVField) -> Decimal? {
        guard let column = column(field) else { return nil }
        return record.withBytes(column) { bytes in
            guard CSVNumberFormat.isPlain(bytes: bytes) else { return nil }
            return CSVNumberFormat.parse(bytes: bytes, as: format)
        }
    }

    /// Up to 18 ASCII digits, leading zeros allowed: a whole number.
    func integer(_ field: CSVField) -> Int? {
        guard let column = column(field) else { return nil }
        return record.withBytes(column) { bytes in
            guard bytes.count <= 18 else { return nil }
            var value = 0
            for byte in bytes {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
    }

    /// A code of ASCII digits whose length is one of `lengths`, as text.
    func digits(_ field: CSVField, lengths: [Int]) -> String? {
        guard let column = column(field) else { return nil }
        let fits = record.withBytes(column) { bytes in
            lengths.contains(bytes.count) && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }
        return fits ? record[column] : nil
    }

    /// Text that cannot be template text.
    func text(_ field: CSVField) -> String? {
        guard let column = column(field), !mayBePlaceholder(column) else { return nil }
        return record[column]
    }

    /// A code that `resolve` maps to itself (nothing converted, nothing for `asFiled`).
    func code(_ field: CSVField, _ resolve: (String) -> CodeResolution) -> String? {
        guard let column = column(field), !mayBePlaceholder(column) else { return nil }
        let raw = record[column]
        guard case let .resolved(value, _) = resolve(raw), value == raw else { return nil }
        return value
    }
}
