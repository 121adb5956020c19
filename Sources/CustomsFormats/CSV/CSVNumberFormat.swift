public import Foundation
import CustomsCore

/// How a CSV file writes numbers: its decimal separator, detected once per file (or set with
/// `--locale`), never guessed per cell.
///
/// Thousands may be grouped by a space, a no-break space (U+00A0), a narrow no-break space
/// (U+202F), an apostrophe (`'` or U+2019), or by whichever of `,` `.` is not the decimal
/// separator; groups after the first hold exactly three digits. A value that does not fit the
/// file's format is `field.invalid`; a whole token only (`12.5 kg`, `12,5,0` are refused).
public enum CSVNumberFormat: Sendable, Hashable {
    /// `1 250,5` (Russian, Kazakh, German, French regional settings).
    case decimalComma
    /// `1,250.5` (English, Chinese regional settings).
    case decimalPoint
    /// The sample decided nothing: values with one reading are read, an ambiguous `1.250` or
    /// `1,250` is `field.invalid` with a hint to pass `--locale`.
    case undecided

    /// Reads `--locale`: a language (`ru`, `kk`, `de`, `fr`, ... decimal comma; `en`, `zh`, ...
    /// decimal point; `ru_RU.UTF-8`, `zh-CN` accepted) or `comma` / `point`.
    public static func named(_ name: String) -> CSVNumberFormat? {
        let language = name.lowercased().split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." }).first.map(String.init) ?? ""
        switch language {
        case "comma", "ru", "kk", "uk", "be", "de", "fr", "es", "it", "pt", "pl", "cs", "tr", "uz", "ky": return .decimalComma
        case "point", "en", "zh", "ja", "ko", "c", "posix": return .decimalPoint
        default: return nil
        }
    }

    /// Votes of a sample of numeric cells: a cell with one possible reading votes for its
    /// separator; `1,250` and `1.250` vote for nothing. The majority wins; no vote is `undecided`.
    public static func detect(_ cells: some Sequence<String>) -> CSVNumberFormat {
        var comma = 0
        var point = 0
        for cell in cells {
            switch (parse(cell, as: .decimalComma), parse(cell, as: .decimalPoint)) {
            case (_?, nil): comma += 1
            case (nil, _?): point += 1
            default: continue
            }
        }
        if comma == 0 && point == 0 { return .undecided }
        return comma >= point ? .decimalComma : .decimalPoint
    }

    /// The exact value of `text` in `format`; `nil` when it is not a whole number token of it.
    /// For `.undecided`, a value that reads the same (or only one way) in both formats.
    public static func parse(_ text: String, as format: CSVNumberFormat) -> Decimal? {
        var text = text
        return text.withUTF8 { parse(bytes: $0, as: format) }
    }

    /// ``parse(_:as:)`` of a cell's UTF-8 bytes, without making its text.
    static func parse(bytes: UnsafeBufferPointer<UInt8>, as format: CSVNumberFormat) -> Decimal? {
        switch format {
        case .decimalComma: return value(bytes, decimal: UInt8(ascii: ","))
        case .decimalPoint: return value(bytes, decimal: UInt8(ascii: "."))
        case .undecided:
            let a = value(bytes, decimal: UInt8(ascii: ","))
            let b = value(bytes, decimal: UInt8(ascii: "."))
            switch (a, b) {
            case let (a?, b?): return a == b ? a : nil
            case let (a?, nil): return a
            case let (nil, b?): return b
            case (nil, nil): return nil
            }
        }
    }

    /// The decimals a number already read in `format` was written with, trailing zeros included
    /// (`12,50` in `.decimalComma` → 2): the digits after its decimal separator. For `.undecided`,
    /// the separator it was read by (a comma when the text reads as a decimal-comma number).
    static func writtenDecimals(bytes: UnsafeBufferPointer<UInt8>, as format: CSVNumberFormat) -> Int {
        let comma = UInt8(ascii: ",")
        let separator: UInt8 = switch format {
        case .decimalComma: comma
        case .decimalPoint: UInt8(ascii: ".")
        case .undecided: value(bytes, decimal: comma) != nil ? comma : UInt8(ascii: ".")
        }
        return ExactDecimal.writtenDecimals(bytes, separator: separator)
    }

    /// Reads the bytes of `text` in one pass, building values of up to 19 significant digits from
    /// a 64-bit integer; longer tokens go through ``ExactDecimal`` on their plain form.
    private static func value(_ bytes: UnsafeBufferPointer<UInt8>, decimal: UInt8) -> Decimal? {
        do {
            var start = 0
            var end = bytes.count
            while start < end {
                if bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
                else if bytes[start] == 0xC2, start + 1 < end, bytes[start + 1] == 0xA0 { start += 2 }
                else { break }
            }
            while end > start {
                if bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
                else if bytes[end - 1] == 0xA0, end - 2 >= start, bytes[end - 2] == 0xC2 { end -= 2 }
                else { break }
            }
            guard start < end else { return nil }
            var index = start
            var negative = false
            if bytes[index] == UInt8(ascii: "-") { negative = true; index += 1 }
            else if bytes[index] == UInt8(ascii: "+") { index += 1 }
            else if bytes[index] == 0xE2, index + 2 < end, bytes[index + 1] == 0x88, bytes[index + 2] == 0x92 { negative = true; index += 3 }
            let other = decimal == UInt8(ascii: ",") ? UInt8(ascii: ".") : UInt8(ascii: ",")
            var separator = 0
            var groupLength = 0
            var integerDigits = 0
            var inFraction = false
            var fractionDigits = 0
            var mantissa: UInt64 = 0
            var significant = 0
            var trailingZeros = 0
            while index < end {
                let byte = bytes[index]
                if byte >= 0x30 && byte <= 0x39 {
                    let digit = UInt64(byte - 0x30)
                    if inFraction {
                        fractionDigits += 1
                        trailingZeros = digit == 0 ? trailingZeros + 1 : 0
                    } else {
                        integerDigits += 1
                        groupLength += 1
                    }
                    if mantissa != 0 || digit != 0 {
                        significant += 1
                        guard significant <= 19 else { return slowValue(String(decoding: bytes, as: UTF8.self), decimal: decimal) }
                        mantissa = mantissa * 10 + digit
                    }
                    index += 1
                    continue
                }
                if byte == decimal, !inFraction {
                    guard integerDigits > 0, separator == 0 || groupLength == 3 else { return nil }
                    inFraction = true
                    index += 1
                    continue
                }
                guard !inFraction else { return nil }
                var code = 0
                var width = 1
                if byte == other { code = 1 }
                else if byte == 0x20 { code = 2 }
                else if byte == 0x27 { code = 3 }
                else if byte == 0xC2, index + 1 < end, bytes[index + 1] == 0xA0 { code = 4; width = 2 }
                else if byte == 0xE2, index + 2 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0xAF { code = 5; width = 3 }
                else if byte == 0xE2, index + 2 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 { code = 6; width = 3 }
                guard code != 0 else { return nil }
                if separator == 0 {
                    guard (1...3).contains(groupLength) else { return nil }
                    separator = code
                } else {
                    guard separator == code, groupLength == 3 else { return nil }
                }
                groupLength = 0
                index += width
            }
            if separator != 0 && !inFraction && groupLength != 3 { return nil }
            guard integerDigits > 0, !inFraction || fractionDigits > 0 else { return nil }
            return Self.decimal(mantissa: mantissa, fractionDigits: fractionDigits, trailingZeros: trailingZeros, negative: negative)
        }
    }

    private static func slowValue(_ text: String, decimal: UInt8) -> Decimal? {
        normalize(text, decimal: decimal == UInt8(ascii: ",") ? "," : ".").flatMap { ExactDecimal.parse($0) }
    }

    /// True when `text` is already a plain `-123.45` (nothing converted: nothing for `asFiled`).
    static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isPlain(bytes: $0) }
    }

    /// ``isPlain(_:)`` of a cell's UTF-8 bytes.
    static func isPlain(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var points = 0
        var index = 0
        for byte in bytes {
            switch byte {
            case 0x30...0x39: break
            case UInt8(ascii: "."): points += 1
            case UInt8(ascii: "-") where index == 0: break
            default: return false
            }
            index += 1
        }
        return points <= 1 && index > 0
    }

    /// ``isPlain(bytes:)`` and ``parse(bytes:as:)`` in one pass, for a plain number whose
    /// reading does not depend on the format: `.decimalPoint`, or digits without a point (a
    /// whole number reads the same in every format). `.some(nil)`: not plain or not a number;
    /// `nil`: not decided here (a point in another format, more than 19 significant digits).
    static func plainValue(bytes: UnsafeBufferPointer<UInt8>, as format: CSVNumberFormat) -> Decimal?? {
        let count = bytes.count
        guard count > 0 else { return .some(nil) }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") { negative = true; index = 1 }
        var integerDigits = 0
        var fractionDigits = 0
        var inFraction = false
        var mantissa: UInt64 = 0
        var significant = 0
        var trailingZeros = 0
        while index < count {
            let byte = bytes[index]
            index += 1
            if byte >= 0x30 && byte <= 0x39 {
                let digit = UInt64(byte &- 0x30)
                if inFraction {
                    fractionDigits += 1
                    trailingZeros = digit == 0 ? trailingZeros + 1 : 0
                } else {
                    integerDigits += 1
                }
                if mantissa != 0 || digit != 0 {
                    significant += 1
                    guard significant <= 19 else { return nil }
                    mantissa = mantissa &* 10 &+ digit
                }
                continue
            }
            // Not plain: a second point, a sign past the start, any other byte.
            guard byte == UInt8(ascii: "."), !inFraction else { return .some(nil) }
            guard format == .decimalPoint else { return nil }
            inFraction = true
        }
        // Plain, and read in the format as ``parse(bytes:as:)`` reads it.
        guard integerDigits > 0, !inFraction || fractionDigits > 0 else { return .some(nil) }
        return .some(Self.decimal(mantissa: mantissa, fractionDigits: fractionDigits, trailingZeros: trailingZeros, negative: negative))
    }

    /// True when `text` reads as two different numbers in the two formats (`1.250`, `1,250`).
    public static func isAmbiguous(_ text: String) -> Bool {
        let a = parse(text, as: .decimalComma)
        let b = parse(text, as: .decimalPoint)
        return a != nil && b != nil && a != b
    }

    private static let spaceGroupSeparators: Set<Unicode.Scalar> = [" ", "\u{00A0}", "\u{202F}", "'", "\u{2019}"]

    /// `text` as a plain `-123.45` for ``ExactDecimal``, or `nil` when it is not a number token.
    static func normalize(_ text: String, decimal: Unicode.Scalar) -> String? {
        let other: Unicode.Scalar = decimal == "," ? "." : ","
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\u{00A0}" || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\u{00A0}" || last == "\t" { scalars = scalars.dropLast() }
        guard !scalars.isEmpty else { return nil }
        var result = ""
        if let first = scalars.first, first == "-" || first == "+" || first == "\u{2212}" {
            if first != "+" { result.append("-") }
            scalars = scalars.dropFirst()
        }
        var groupSeparator: Unicode.Scalar?
        var groupLength = 0
        var groups = 0
        var integerDigits = 0
        var inFraction = false
        var fractionDigits = 0
        for scalar in scalars {
            if ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
                if inFraction { fractionDigits += 1 } else { integerDigits += 1; groupLength += 1 }
            } else if scalar == decimal, !inFraction {
                guard integerDigits > 0, groupSeparator == nil || groupLength == 3 else { return nil }
                inFraction = true
                result.append(".")
            } else if !inFraction, scalar == other || spaceGroupSeparators.contains(scalar) {
                if let groupSeparator, groupSeparator != scalar { return nil }
                if groupSeparator == nil {
                    guard (1...3).contains(groupLength) else { return nil }
                } else {
                    guard groupLength == 3 else { return nil }
                }
                groupSeparator = scalar
                groupLength = 0
                groups += 1
            } else {
                return nil
            }
        }
        if groupSeparator != nil && !inFraction && groupLength != 3 { return nil }
        guard integerDigits > 0, !inFraction || fractionDigits > 0 else { return nil }
        return result
    }

    /// The value of the digits read: `mantissa` × 10^-`fractionDigits`, its trailing fraction
    /// zeros dropped as `Decimal` drops them (so both readers give the same `Decimal`).
    private static func decimal(mantissa: UInt64, fractionDigits: Int, trailingZeros: Int, negative: Bool) -> Decimal {
        var mantissa = mantissa
        var scale = fractionDigits
        var zeros = min(trailingZeros, scale)
        while zeros > 0, mantissa != 0, mantissa % 10 == 0 {
            mantissa /= 10
            scale -= 1
            zeros -= 1
        }
        if mantissa == 0 { return 0 }
        return ExactDecimal.decimal(mantissa: mantissa, exponent: -scale, negative: negative)
    }
}
