/// One record (row) of a CSV file: its fields as text and where it stands.
struct CSVRecord {
    var fields: [String]
    /// 1-based record number, the header being row 1 (a quoted line break does not start a new
    /// row, as in a spreadsheet); blank lines count.
    var row: Int
    /// The index of the first field whose bytes are not valid UTF-8, if any.
    var invalidField: Int?

    /// True when every field is empty.
    var isBlank: Bool { fields.allSatisfy(\.isEmpty) }
}

/// A structural problem that stops the reading of a file.
struct CSVStructureError: Error {
    var message: String
    var row: Int
}

/// A streaming, byte-level RFC 4180 reader over UTF-8 chunks.
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; records end at CRLF, LF or
/// CR; empty fields are kept; blank lines are skipped (but counted in row numbers). A quote that
/// is never closed is a ``CSVStructureError`` naming the row where it opened, never a silent
/// merge of the rest of the file. Memory is one chunk plus the record being read.
struct CSVRecordReader {
    private let source: CSVByteSource
    private let delimiter: UInt8
    private var chunk: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var row = 0
    private var skipLineFeed = false
    private var field: [UInt8] = []

    init(source: CSVByteSource, delimiter: UInt8) {
        self.source = source
        self.delimiter = delimiter
    }

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    private mutating func fill() throws -> Bool {
        if position < chunk.count { return true }
        if atEnd { return false }
        if let next = try source.next() {
            chunk = next
            position = 0
            return true
        }
        atEnd = true
        return false
    }

    /// The next non-blank record, or `nil` at the end of the file.
    /// Throws ``CSVStructureError`` or ``CSVByteSource/Failure``.
    mutating func next() throws -> CSVRecord? {
        while true {
            guard let record = try readRecord() else { return nil }
            if record.fields.count == 1 && record.fields[0].isEmpty { continue }
            return record
        }
    }

    private mutating func readRecord() throws -> CSVRecord? {
        guard try fill() else { return nil }
        if skipLineFeed {
            skipLineFeed = false
            if chunk[position] == CSVRecordReader.lf {
                position += 1
                guard try fill() else { return nil }
            }
        }
        row += 1
        let startRow = row
        var fields: [String] = []
        fields.reserveCapacity(32)
        var invalidField: Int?
        var nonASCII = false
        field.removeAll(keepingCapacity: true)
        var quoted = false
        var fieldStart = true
        var closed = false

        func finishField() {
            if nonASCII, invalidField == nil, String(validating: field, as: UTF8.self) == nil {
                invalidField = fields.count
            }
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            nonASCII = false
            quoted = false
            closed = false
            fieldStart = true
        }

        while try fill() {
            let end = chunk.count
            var index = position
            if quoted && !closed {
                // Inside quotes: copy up to the next quote in bulk.
                let start = index
                while index < end && chunk[index] != CSVRecordReader.quote { index += 1 }
                if index > start {
                    field.append(contentsOf: chunk[start..<index])
                    if !nonASCII { nonASCII = chunk[start..<index].contains { $0 >= 0x80 } }
                }
                if index == end { position = end; continue }
                // A quote: doubled (a literal quote) or closing.
                position = index + 1
                guard try fill() else { closed = true; continue }
                if chunk[position] == CSVRecordReader.quote {
                    field.append(CSVRecordReader.quote)
                    position += 1
                } else {
                    closed = true
                }
                continue
            }
            let byte = chunk[index]
            if fieldStart && byte == CSVRecordReader.quote {
                quoted = true
                fieldStart = false
                position = index + 1
                continue
            }
            if byte == delimiter {
                finishField()
                position = index + 1
                continue
            }
            if byte == CSVRecordReader.lf || byte == CSVRecordReader.cr {
                finishField()
                position = index + 1
                if byte == CSVRecordReader.cr {
                    if position < end {
                        if chunk[position] == CSVRecordReader.lf { position += 1 }
                    } else {
                        skipLineFeed = true
                    }
                }
                return CSVRecord(fields: fields, row: startRow, invalidField: invalidField)
            }
            if closed {
                throw CSVStructureError(
                    message: "text after the closing quote of field \(fields.count + 1); a quote inside a quoted field must be doubled",
                    row: startRow)
            }
            // Unquoted text: copy up to the next delimiter, quote or line end in bulk.
            fieldStart = false
            let start = index
            while index < end {
                let current = chunk[index]
                if current == delimiter || current == CSVRecordReader.lf || current == CSVRecordReader.cr { break }
                if current >= 0x80 { nonASCII = true }
                index += 1
            }
            field.append(contentsOf: chunk[start..<index])
            position = index
        }
        if quoted && !closed {
            throw CSVStructureError(
                message: "the quote opened in field \(fields.count + 1) of row \(startRow) is never closed; the rest of the file was not read",
                row: startRow)
        }
        finishField()
        return CSVRecord(fields: fields, row: startRow, invalidField: invalidField)
    }
}
