/// The field delimiter of a CSV file: `,` `;` tab or `|`.
public enum CSVDialect {
    public static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]

    /// Reads `--csv-delimiter C`: one of `,` `;` `|`, or `tab` / `\t` for a tab.
    public static func delimiter(named text: String) -> UInt8? {
        switch text {
        case "tab", "\\t", "\t": 0x09
        case ",", ";", "|": text.utf8.first
        default: nil
        }
    }

    /// The delimiter that splits the header and the first rows of `text` (UTF-8 bytes) into the
    /// same number of fields, the most fields winning; quoted text is not counted. `nil` when no
    /// candidate appears in the header.
    public static func detect(_ text: ArraySlice<UInt8>) -> UInt8? {
        let lines = firstLines(text, count: 20)
        guard let header = lines.first else { return nil }
        var best: (delimiter: UInt8, fields: Int, consistent: Bool)?
        for candidate in candidates {
            let headerCount = count(candidate, in: header)
            guard headerCount > 0 else { continue }
            let consistent = lines.dropFirst().allSatisfy { count(candidate, in: $0) == headerCount }
            if let current = best {
                if (consistent && !current.consistent) || (consistent == current.consistent && headerCount > current.fields) {
                    best = (candidate, headerCount, consistent)
                }
            } else {
                best = (candidate, headerCount, consistent)
            }
        }
        return best?.delimiter
    }

    /// Records (not physical lines: quoted line breaks are skipped) of the start of `text`; the
    /// last, possibly cut, record is dropped unless it is the only one.
    static func firstLines(_ text: ArraySlice<UInt8>, count: Int) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = text.startIndex
        var quoted = false
        var index = text.startIndex
        while index < text.endIndex, lines.count < count {
            let byte = text[index]
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            else if !quoted, byte == 0x0A || byte == 0x0D {
                if index > start { lines.append(text[start..<index]) }
                start = index + 1
            }
            index += 1
        }
        if lines.isEmpty, start < text.endIndex { lines.append(text[start...]) }
        return lines
    }

    static func count(_ delimiter: UInt8, in line: ArraySlice<UInt8>) -> Int {
        var quoted = false
        var count = 0
        for byte in line {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            else if !quoted && byte == delimiter { count += 1 }
        }
        return count
    }
}
