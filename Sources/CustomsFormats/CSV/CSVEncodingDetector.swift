/// The character encoding of a CSV file, decided from its first bytes.
public struct CSVEncoding: Sendable, Hashable {
    /// The name in messages and the iconv name (`UTF-8`, `UTF-16LE`, `WINDOWS-1251`, `GB18030`).
    public var name: String
    /// The length of the byte-order mark to skip.
    public var bomLength: Int
    /// 0–1: how sure the detection is (1 for a BOM, an override or valid UTF-8).
    public var confidence: Double

    public static let utf8 = CSVEncoding(name: "UTF-8", bomLength: 0, confidence: 1)

    var isUTF8: Bool { name == "UTF-8" }
}

/// Decides the encoding of a CSV file from a prefix of its bytes: a BOM (UTF-8, UTF-16), valid
/// UTF-8, or — for legacy bytes — windows-1251 (Russian and Kazakh Excel) against GB18030/GBK
/// (Chinese Excel), each scored on what its decoding looks like. When neither reading is
/// convincing, or both are, it says so instead of producing mojibake.
public enum CSVEncodingDetector {
    /// The outcome: an encoding, or why none could be decided (`encoding.unsupported`).
    public enum Outcome: Sendable, Hashable {
        case decided(CSVEncoding)
        case undecided(String)
    }

    /// Reads `--encoding NAME`: UTF-8, UTF-16 (LE/BE), windows-1251 (cp1251), GB18030, GBK, GB2312.
    public static func named(_ name: String, prefix: [UInt8]) -> Outcome {
        let key = name.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "utf8":
            return .decided(CSVEncoding(name: "UTF-8", bomLength: prefix.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0, confidence: 1))
        case "utf16", "utf16le", "utf16be":
            let bom = prefix.starts(with: [0xFF, 0xFE]) || prefix.starts(with: [0xFE, 0xFF]) ? 2 : 0
            var iconvName = key == "utf16be" ? "UTF-16BE" : "UTF-16LE"
            if key == "utf16" && prefix.starts(with: [0xFE, 0xFF]) { iconvName = "UTF-16BE" }
            return .decided(CSVEncoding(name: iconvName, bomLength: bom, confidence: 1))
        case "windows1251", "cp1251", "win1251":
            return .decided(CSVEncoding(name: "WINDOWS-1251", bomLength: 0, confidence: 1))
        case "gb18030", "gbk", "gb2312", "cp936":
            return .decided(CSVEncoding(name: "GB18030", bomLength: 0, confidence: 1))
        default:
            return .undecided("--encoding \(name) is not an encoding the CSV reader supports; use UTF-8, UTF-16, windows-1251 or GB18030")
        }
    }

    /// Detects the encoding from `prefix` (the first 64 KiB are plenty).
    public static func detect(_ prefix: [UInt8]) -> Outcome {
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { return .decided(CSVEncoding(name: "UTF-8", bomLength: 3, confidence: 1)) }
        if prefix.starts(with: [0xFF, 0xFE]) { return .decided(CSVEncoding(name: "UTF-16LE", bomLength: 2, confidence: 1)) }
        if prefix.starts(with: [0xFE, 0xFF]) { return .decided(CSVEncoding(name: "UTF-16BE", bomLength: 2, confidence: 1)) }
        guard prefix.contains(where: { $0 >= 0x80 }) else { return .decided(.utf8) }
        if isUTF8(prefix) { return .decided(.utf8) }
        let utf8 = utf8Score(prefix)
        if utf8 >= 0.99 {
            // UTF-8 text with a stray invalid byte: read as UTF-8; the row is `encoding.invalid`.
            return .decided(CSVEncoding(name: "UTF-8", bomLength: 0, confidence: utf8))
        }
        let cyrillic = cyrillicScore(prefix)
        let chinese = chineseScore(prefix)
        let hint = "pass --encoding windows-1251 (Russian or Kazakh Excel) or --encoding GB18030 (Chinese Excel) if you know it"
        switch (cyrillic >= 0.9, chinese >= 0.9) {
        case (true, false): return .decided(CSVEncoding(name: "WINDOWS-1251", bomLength: 0, confidence: cyrillic))
        case (false, true): return .decided(CSVEncoding(name: "GB18030", bomLength: 0, confidence: chinese))
        case (true, true):
            return .undecided("the bytes read as Russian text in windows-1251 and as Chinese text in GB18030 alike; \(hint)")
        case (false, false):
            return .undecided("the bytes are not UTF-8, and read neither as windows-1251 text (score \(percent(cyrillic))) nor as GB18030 text (score \(percent(chinese))); \(hint)")
        }
    }

    private static func percent(_ score: Double) -> String { "\(Int((score * 100).rounded()))%" }

    /// Share of non-ASCII bytes that belong to well-formed UTF-8 sequences (0 without at least
    /// eight such sequences).
    static func utf8Score(_ bytes: [UInt8]) -> Double {
        var index = 0
        var high = 0
        var valid = 0
        var sequences = 0
        while index < bytes.count {
            let lead = bytes[index]
            guard lead >= 0x80 else { index += 1; continue }
            let length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xC2 && lead <= 0xDF ? 2 : 0
            if length > 0, index + length <= bytes.count,
               String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil {
                high += length
                valid += length
                sequences += 1
                index += length
            } else {
                high += 1
                index += 1
            }
        }
        guard sequences >= 8, high > 0 else { return 0 }
        return Double(valid) / Double(high)
    }

    /// Valid UTF-8, allowing the prefix to end inside a sequence.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        var end = bytes.count
        var back = 0
        while end > 0, back < 3, bytes[end - 1] & 0xC0 == 0x80 { end -= 1; back += 1 }
        if end > 0, bytes[end - 1] >= 0xC0 { end -= 1 } else { end = bytes.count }
        return String(validating: bytes[..<end], as: UTF8.self) != nil
    }

    /// Share of non-ASCII bytes that windows-1251 reads as text (Cyrillic letters, Kazakh's і,
    /// the no-break space, №, «», dashes and quotes), lowered by the rate at which a lowercase
    /// letter is followed by an uppercase one inside a word — rare in running Russian or Kazakh
    /// text, frequent when double-byte Chinese is read one byte at a time.
    static func cyrillicScore(_ bytes: [UInt8]) -> Double {
        var high = 0
        var text = 0
        var adjacent = 0
        var lowerToUpper = 0
        var previous: UInt8 = 0
        for byte in bytes {
            guard byte >= 0x80 else { previous = byte; continue }
            high += 1
            switch byte {
            case 0xC0...0xFF, 0xA8, 0xB2, 0xAA, 0xAF, 0xA1, 0xB8, 0xB3, 0xBA, 0xBF, 0xA2: text += 1
            case 0xA0, 0xB9, 0xAB, 0xBB, 0x96, 0x97, 0x91, 0x92, 0x93, 0x94, 0x84, 0x85, 0xB0, 0xB1: text += 1
            default: break
            }
            if previous >= 0xC0 && byte >= 0xC0 {
                adjacent += 1
                if previous >= 0xE0 && byte < 0xE0 { lowerToUpper += 1 }
            }
            previous = byte
        }
        guard high > 0 else { return 0 }
        let share = Double(text) / Double(high)
        guard adjacent >= 8 else { return share }
        let rate = Double(lowerToUpper) / Double(adjacent)
        return share * max(0, 1 - 5 * rate)
    }

    /// Share of runs of non-ASCII bytes that GB18030 reads as whole characters: in Chinese text
    /// every run is a sequence of valid double-byte (or four-byte) characters, so its length is
    /// even; single-byte Cyrillic words end mid-pair about half the time.
    static func chineseScore(_ bytes: [UInt8]) -> Double {
        var index = 0
        var runs = 0
        var whole = 0
        while index < bytes.count {
            guard bytes[index] >= 0x80 else { index += 1; continue }
            runs += 1
            var valid = true
            while index < bytes.count, bytes[index] >= 0x80 {
                let lead = bytes[index]
                guard index + 1 < bytes.count else { valid = index + 1 == bytes.count && runs > 1; index += 1; break }
                let trail = bytes[index + 1]
                if (0x81...0xFE).contains(lead), (0x40...0xFE).contains(trail), trail != 0x7F {
                    index += 2
                } else if (0x81...0xFE).contains(lead), (0x30...0x39).contains(trail), index + 3 < bytes.count,
                          (0x81...0xFE).contains(bytes[index + 2]), (0x30...0x39).contains(bytes[index + 3]) {
                    index += 4
                } else {
                    valid = false
                    index += 1
                }
            }
            if valid { whole += 1 }
        }
        guard runs > 0 else { return 0 }
        return Double(whole) / Double(runs)
    }
}
