/// Fast text helpers for the per-cell work of the CSV reader (Foundation's trimming goes through
/// NSString and costs more than reading the file).
enum CSVText {
    /// `text` without surrounding spaces, tabs and no-break spaces; the same string, uncopied,
    /// when there are none (the common case).
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return text }
        if !isSpaceStart(first) && !isSpaceEnd(last) { return text }
        var scalars = Substring(text).unicodeScalars[...]
        while let scalar = scalars.first, isSpace(scalar) { scalars.removeFirst() }
        while let scalar = scalars.last, isSpace(scalar) { scalars.removeLast() }
        return String(scalars)
    }

    private static func isSpaceStart(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0xC2 || byte == 0xE2 }
    private static func isSpaceEnd(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0xA0 || byte == 0xAF }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\u{00A0}" || scalar == "\u{202F}"
    }
}

extension String {
    /// ``CSVText/trimmed(_:)``.
    var csvTrimmed: String { CSVText.trimmed(self) }
}

extension String {
    /// `uppercased()`; the string itself when it is ASCII without a lower-case letter (the
    /// common code), and a byte-wise upper-casing when it is ASCII.
    var uppercasedASCIIFast: String {
        var text = self
        let ascii: String?? = text.withUTF8 { bytes in
            var lower = false
            for byte in bytes {
                if byte >= 0x80 { return .some(nil) }
                if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { lower = true }
            }
            guard lower else { return .none }
            return .some(String(decoding: bytes.map { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") ? $0 - 0x20 : $0 }, as: UTF8.self))
        }
        switch ascii {
        case .none: return self
        case let .some(upper?): return upper
        case .some(nil): return uppercased()
        }
    }
}
