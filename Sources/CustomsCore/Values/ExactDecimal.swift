public import Foundation

/// Reads decimal numbers exactly, as whole tokens.
///
/// `Decimal(string:)` accepts a prefix (`"12,5"` gives 12, `"12.5 kg"` gives 12.5); this reader
/// accepts only a complete token — optional sign, digits, optional `.` and digits — and refuses
/// everything else, so a value that cannot be read exactly becomes a finding, never a guess.
/// Locale forms (decimal commas, thousands separators) are the CSV reader's job, which
/// normalizes them before calling this.
public enum ExactDecimal {
    /// The most significant digits `Decimal` holds exactly.
    public static let maximumDigits = 38

    /// The decimal value of `text` (surrounding ASCII spaces allowed), or `nil` when the text is
    /// not a plain decimal number or has more than ``maximumDigits`` significant digits.
    public static func parse(_ text: String) -> Decimal? {
        var text = text
        if let value = text.withUTF8(parseShort) { return value }
        return parse(Substring(text))
    }

    /// ``parse(_:)`` of a number of at most 19 significant digits (the common case), read in one
    /// pass into a `UInt64`: `.some(nil)` when the text is not a number, `nil` when it is longer
    /// (the general reader then decides).
    private static func parseShort(_ bytes: UnsafeBufferPointer<UInt8>) -> Decimal?? {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return .some(nil) }
        var negative = false
        if bytes[start] == UInt8(ascii: "-") || bytes[start] == UInt8(ascii: "+") {
            negative = bytes[start] == UInt8(ascii: "-")
            start += 1
        }
        var value: UInt64 = 0
        // Significant digits taken into `value`; zeros after the point not taken yet (dropped
        // when nothing follows them); digits after the point taken.
        var significant = 0
        var pendingZeros = 0
        var scale = 0
        var seenPoint = false
        var seenDigit = false
        for index in start..<end {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                seenDigit = true
                let digit = UInt64(byte - 0x30)
                if significant == 0 && digit == 0 {
                    // A leading zero: no digit, but a place after the point.
                    if seenPoint { scale += 1 }
                    continue
                }
                if seenPoint && digit == 0 {
                    pendingZeros += 1
                    continue
                }
                guard significant + pendingZeros < 19 else { return nil }
                while pendingZeros > 0 {
                    value *= 10
                    significant += 1
                    scale += 1
                    pendingZeros -= 1
                }
                value = value * 10 + digit
                significant += 1
                if seenPoint { scale += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                return .some(nil)
            }
        }
        guard seenDigit else { return .some(nil) }
        guard significant > 0 else { return .some(0) }
        return .some(decimal(mantissa: value, exponent: -scale, negative: negative))
    }

    /// ``parse(_:)`` of any string: a substring of a line, a CSV cell.
    public static func parse(_ text: some StringProtocol) -> Decimal? {
        var bytes = Substring(text).utf8[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        guard !bytes.isEmpty else { return nil }
        var index = bytes.startIndex
        var negative = false
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index = bytes.index(after: index)
        }
        var digits: [UInt8] = []
        var scale = 0
        var seenPoint = false
        var seenDigit = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                seenDigit = true
                if !(digits.isEmpty && byte == 0x30) { digits.append(byte - 0x30) }
                if seenPoint { scale += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                return nil
            }
            index = bytes.index(after: index)
        }
        guard seenDigit else { return nil }
        // Trailing zeros after the point carry no value: drop them before counting digits.
        while scale > 0, let last = digits.last, last == 0 {
            digits.removeLast()
            scale -= 1
        }
        guard digits.count <= maximumDigits else { return nil }
        guard !digits.isEmpty else { return 0 }
        let mantissa: Decimal
        if digits.count <= 19 {
            // Up to 19 digits fit a UInt64 exactly: one conversion instead of a Decimal step per digit.
            var value: UInt64 = 0
            for digit in digits { value = value * 10 + UInt64(digit) }
            mantissa = Decimal(value)
        } else {
            var value = Decimal(0)
            for digit in digits { value = value * 10 + Decimal(Int(digit)) }
            mantissa = value
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: -scale, significand: mantissa)
    }

    /// The number of digits after the last `separator` in a number's text, trailing spaces
    /// ignored (`"12.50"` → 2, `"1 250,500"` with `,` → 3, `"80"` → 0): the decimals the value
    /// was written with, trailing zeros included, which a `Decimal` does not keep. Meant for text
    /// that has already been read as a number.
    public static func writtenDecimals(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8 = UInt8(ascii: ".")) -> Int {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        var digits = 0
        var index = end
        while index > 0 {
            let byte = bytes[index - 1]
            if byte == separator { return digits }
            guard byte >= 0x30 && byte <= 0x39 else { return 0 }
            digits += 1
            index -= 1
        }
        return 0
    }

    /// ``writtenDecimals(_:separator:)`` of a text.
    public static func writtenDecimals(_ text: some StringProtocol, separator: UInt8 = UInt8(ascii: ".")) -> Int {
        var text = String(text)
        return text.withUTF8 { writtenDecimals($0, separator: separator) }
    }

    /// The canonical text of a decimal: no exponent, no trailing zeros (`1007.12`, `762.1`, `80`).
    public static func format(_ value: Decimal) -> String {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 38, .plain)
        return rounded.description
    }

    /// ``format(_:)`` with at least `decimals` decimals, trailing zeros added (`12.5`, 2 →
    /// `12.50`): a value written back as it was filed.
    public static func format(_ value: Decimal, decimals: Int?) -> String {
        let text = format(value)
        guard let decimals, decimals > 0 else { return text }
        let shown = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 }
        guard (shown ?? 0) < decimals else { return text }
        return text + (shown == nil ? "." : "") + String(repeating: "0", count: decimals - (shown ?? 0))
    }
}
