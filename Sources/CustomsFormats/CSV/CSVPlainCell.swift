import CustomsCore
import Foundation

/// The cells that need no conversion and give no finding, read straight from the row's bytes:
/// a plain number (`-1250.5`, nothing for `asFiled`), a code of digits of an expected length, a
/// code already in the form the shared declaration keeps. Each reads one non-empty field of a
/// record; shared by the declaration and goods-item columns.
///
/// Each reader answers `nil` for anything else — template text (a cell starting with `s`, `t`
/// or `#` is never taken here), a number in another form, a code to map — and the caller then
/// reads the cell through ``CSVCell`` and the `DeclarationDraft` readers, which say what is
/// wrong with it. So a value taken here is the value the full path would give.
enum CSVPlain {
    /// True when the first byte of the cell could start template text (`string`, `token`, `###`).
    @inline(__always) static func mayBePlaceholder(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = bytes[0]
        return first == UInt8(ascii: "s") || first == UInt8(ascii: "t") || first == UInt8(ascii: "#")
    }

    /// A number already plain in the file's format.
    static func decimal(_ record: CSVRecord, _ column: Int, format: CSVNumberFormat) -> Decimal? {
        record.withBytes(column) { bytes in
            if let decided = CSVNumberFormat.plainValue(bytes: bytes, as: format) { return decided }
            guard CSVNumberFormat.isPlain(bytes: bytes) else { return nil }
            return CSVNumberFormat.parse(bytes: bytes, as: format)
        }
    }

    /// Up to 18 ASCII digits, leading zeros allowed: a whole number.
    static func integer(_ record: CSVRecord, _ column: Int) -> Int? {
        record.withBytes(column) { bytes in
            guard bytes.count <= 18 else { return nil }
            var value = 0
            for byte in bytes {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
    }

    /// A code of ASCII digits whose length is one of `lengths` (bit `n` set: `n` digits, up to
    /// 63), as text, and its first six digits (the HS subheading of a national code).
    static func digits(_ record: CSVRecord, _ column: Int, lengths: UInt64) -> (text: String, subheading: String)? {
        record.withBytes(column) { bytes in
            guard bytes.count < 64, lengths & (1 << UInt64(bytes.count)) != 0,
                  bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            let text = String(decoding: bytes, as: UTF8.self)
            return (text, bytes.count == 6 ? text : String(decoding: UnsafeBufferPointer(rebasing: bytes.prefix(6)), as: UTF8.self))
        }
    }

    /// Text that cannot be template text.
    static func text(_ record: CSVRecord, _ column: Int) -> String? {
        record.withBytes(column) { mayBePlaceholder($0) } ? nil : record[column]
    }

    /// An identifier that is neither template text nor in scientific notation (no `E` or `e`,
    /// which ``CSVIdentifier/isScientific(_:)`` needs).
    static func identifier(_ record: CSVRecord, _ column: Int) -> String? {
        let plain = record.withBytes(column) { bytes in
            !mayBePlaceholder(bytes) && !bytes.contains(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") })
        }
        return plain ? record[column] : nil
    }

    /// A code that `resolve` maps to itself.
    static func code(_ record: CSVRecord, _ column: Int, memo: CSVCodeMemo, _ resolve: (String) -> CodeResolution) -> String? {
        let known = record.withBytes(column) { bytes -> Bool? in
            if mayBePlaceholder(bytes) { return false }
            return memo.isPlain(bytes) { raw in
                guard case let .resolved(value, _) = resolve(raw) else { return false }
                return value == raw
            }
        }
        switch known {
        case false?: return nil
        case true?: return record[column]
        case nil:
            let raw = record[column]
            guard case let .resolved(value, _) = resolve(raw), value == raw else { return nil }
            return value
        }
    }
}

/// Per file: whether a short code (two or three ASCII upper-case letters, or also digits when
/// `digits` is set) resolves to itself, so that a code repeated on many rows is looked up once.
/// Only codes whose resolution does not depend on anything but their text are remembered: a
/// country or currency code of letters (a numeric one is read in the declaring authority's
/// system), any unit code (Rec 20 as filed).
final class CSVCodeMemo {
    private let digits: Bool
    /// 0: not yet looked up, 1: resolves to itself, 2: does not.
    private var states: [UInt8] = []

    init(digits: Bool) { self.digits = digits }

    /// The remembered answer for `bytes`, computed by `isPlain` on first sight; `nil` when the
    /// bytes are not a code this memo keeps.
    func isPlain(_ bytes: UnsafeBufferPointer<UInt8>, _ isPlain: (String) -> Bool) -> Bool? {
        guard let key = ShortCodeKey.of(bytes, digits: digits) else { return nil }
        if states.isEmpty { states = [UInt8](repeating: 0, count: ShortCodeKey.count) }
        let state = states[key]
        if state != 0 { return state == 1 }
        let answer = isPlain(String(decoding: bytes, as: UTF8.self))
        states[key] = answer ? 1 : 2
        return answer
    }
}
