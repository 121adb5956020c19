/// Parses the small comma-separated tables of `Schemas/` (RFC 4180: quoted fields, doubled
/// quotes, CRLF or LF). Declarations in CSV go through the streaming CSV reader instead.
public enum DelimitedTable {
    /// Rows of fields; a leading UTF-8 BOM is skipped, empty lines are dropped.
    public static func parse(_ text: String, delimiter: Character = ",") -> [[String]] {
        guard let byte = delimiter.asciiValue, delimiter != "\r\n" else { return parseCharacters(text, delimiter: delimiter) }
        var text = text
        return text.withUTF8 { parseBytes($0, delimiter: byte) }
    }

    /// The same grammar over UTF-8 bytes (every special character is ASCII), copying the runs
    /// between them at once: the code lists (1.7 MB, mostly the HS nomenclature) are read at
    /// every start, and walking them by `Character` was most of a small file's cold time.
    private static func parseBytes(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> [[String]] {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var afterQuote = false
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            afterQuote = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == quote {
                    quoted = false
                    afterQuote = true
                    index += 1
                } else {
                    var end = index + 1
                    while end < bytes.count && bytes[end] != quote { end += 1 }
                    field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                    index = end
                }
                continue
            }
            switch byte {
            case quote:
                if afterQuote { field.append(quote) }
                quoted = true
                afterQuote = false
                index += 1
            case delimiter:
                endField()
                index += 1
            case cr, lf:
                endField()
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
                // CRLF is one line end.
                index += byte == cr && index + 1 < bytes.count && bytes[index + 1] == lf ? 2 : 1
            default:
                var end = index + 1
                while end < bytes.count, case let next = bytes[end], next != delimiter, next != quote, next != cr, next != lf { end += 1 }
                field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                afterQuote = false
                index = end
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(String(decoding: field, as: UTF8.self))
            rows.append(row)
        }
        return rows
    }

    /// The grammar walked by `Character`, for a delimiter that is not ASCII.
    private static func parseCharacters(_ text: String, delimiter: Character) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        var iterator = text.hasPrefix("\u{FEFF}") ? Substring(text).dropFirst().makeIterator() : Substring(text).makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" { quoted = false; afterQuote = true } else { field.append(character) }
                continue
            }
            switch character {
            case "\"":
                if afterQuote { field.append("\"") }
                quoted = true
                afterQuote = false
            case delimiter:
                row.append(field); field = ""; afterQuote = false
            case "\n", "\r\n", "\r":
                row.append(field); field = ""; afterQuote = false
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
            default:
                field.append(character); afterQuote = false
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }

    /// Rows as dictionaries keyed by the header row.
    public static func records(_ text: String) -> [[String: String]] {
        let rows = parse(text)
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { row in
            var record: [String: String] = [:]
            for (index, name) in header.enumerated() where index < row.count {
                record[name] = row[index]
            }
            return record
        }
    }
}
