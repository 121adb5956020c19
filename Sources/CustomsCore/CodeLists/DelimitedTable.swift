/// Parses the small comma-separated tables of `Schemas/` (RFC 4180: quoted fields, doubled
/// quotes, CRLF or LF). Declarations in CSV go through the streaming CSV reader instead.
public enum DelimitedTable {
    /// Rows of fields; a leading UTF-8 BOM is skipped, empty lines are dropped.
    public static func parse(_ text: String, delimiter: Character = ",") -> [[String]] {
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
