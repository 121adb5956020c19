/// Parses the small comma-separated tables of `Schemas/` (RFC 4180: quoted fields, doubled
/// quotes, CRLF or LF). Declarations in CSV go through the streaming CSV reader instead.
public enum DelimitedTable {
    /// Rows of fields; a leading UTF-8 BOM is skipped, empty lines are dropped.
    public static func parse(_ text: String, delimiter: Character = ",") -> [[String]] {
        guard let byte = delimiter.asciiValue, delimiter != "\r\n" else { return parseCharacters(text, delimiter: delimiter) }
        var text = text
        var rows: [[String]] = []
        text.withUTF8 { visitRows($0, delimiter: byte, columns: nil) { rows.append($0) } }
        return rows
    }

    /// The rows of a comma-separated table, the header row first, each lent to `body` in turn
    /// (one array reused), with only the values of the `columns` the header row names: every
    /// other field of a row after the header is an empty String, so the rows keep their shape,
    /// and the large columns nobody reads (the HS nomenclature's descriptions) are never made
    /// into Strings.
    public static func forEachRow(_ text: String, columns: Set<String>, _ body: ([String]) -> Void) {
        var text = text
        text.withUTF8 { visitRows($0, delimiter: UInt8(ascii: ","), columns: columns, body) }
    }

    /// The same grammar over UTF-8 bytes (every special character is ASCII), copying the runs
    /// between them at once: the code lists (1.7 MB, mostly the HS nomenclature) are read at
    /// every start, and walking them by `Character` was most of a small file's cold time.
    /// `columns`: the header names whose values are kept (``forEachRow(_:columns:_:)``); `nil` keeps all.
    private static func visitRows(
        _ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, columns: Set<String>?, _ body: ([String]) -> Void
    ) {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var row: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var afterQuote = false
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // Which fields of a row are kept, by position; all until the header row is read.
        var kept: [Bool]?
        func endField() {
            if kept.map({ row.count < $0.count && $0[row.count] }) ?? true {
                row.append(String(decoding: field, as: UTF8.self))
            } else {
                row.append("")
            }
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
                // A line with one empty field is no row (read before a field not kept is blanked).
                let blank = row.isEmpty && field.isEmpty
                endField()
                if !blank {
                    if let columns, kept == nil { kept = row.map(columns.contains) }
                    body(row)
                }
                row.removeAll(keepingCapacity: true)
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
            endField()
            body(row)
        }
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
