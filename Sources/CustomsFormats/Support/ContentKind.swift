/// What the first bytes of a file say it is, before any parser runs.
public enum ContentKind: Sendable, Hashable {
    case empty
    /// XML: a `<` first after an optional BOM and white space, in UTF-8, UTF-16 or UTF-32.
    case xml
    /// Text that is not XML: a CSV candidate.
    case text
    /// Bytes that are not text (NUL bytes outside UTF-16, control characters).
    case binary

    /// Classifies a file by its first bytes (a prefix of up to 64 KiB is enough).
    public static func of(_ prefix: [UInt8]) -> ContentKind {
        guard !prefix.isEmpty else { return .empty }
        var bytes = prefix[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return utf16IsXML(bytes.dropFirst(2)) ? .xml : .text
        }
        // UTF-16 without a BOM: `<` next to a NUL.
        if bytes.starts(with: [0x3C, 0x00]) || bytes.starts(with: [0x00, 0x3C]) { return .xml }
        let first = bytes.first { !(($0 == 0x20) || ($0 == 0x09) || ($0 == 0x0A) || ($0 == 0x0D)) }
        if first == nil { return .empty }
        if first == UInt8(ascii: "<") { return .xml }
        let sample = bytes.prefix(8192)
        let controls = sample.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x1A }.count
        if sample.contains(0) || controls * 100 > sample.count { return .binary }
        return .text
    }

    private static func utf16IsXML(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.prefix(64).contains(UInt8(ascii: "<"))
    }
}

/// Catches the mojibake libxml2 would silently produce: a document that declares a legacy
/// single- or double-byte encoding while its bytes are UTF-8 (ENGINEERING.md).
public enum EncodingCheck {
    static let legacy: Set<String> = [
        "windows-1251", "cp1251", "koi8-r", "koi8-u", "iso-8859-5", "gbk", "gb2312", "gb18030", "big5",
        "windows-1252", "iso-8859-1", "latin1", "cp866",
    ]

    /// A message when `declared` is a legacy encoding but the bytes are UTF-8 with non-ASCII text.
    public static func mismatch(declared: String?, prefix: [UInt8]) -> String? {
        guard let declared, legacy.contains(declared.lowercased()) else { return nil }
        guard prefix.contains(where: { $0 >= 0x80 }) else { return nil }
        // Cut at the last complete sequence so a prefix boundary is not taken for invalid UTF-8.
        var end = prefix.count
        var back = 0
        while end > 0, back < 4, prefix[end - 1] & 0xC0 == 0x80 { end -= 1; back += 1 }
        if end > 0, prefix[end - 1] >= 0xC0 { end -= 1 }
        guard String(validating: prefix[..<end], as: UTF8.self) != nil else { return nil }
        return "the document declares encoding \(declared) but its bytes are UTF-8; reading it as \(declared) would garble every non-Latin letter"
    }
}
