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
/// merge of the rest of the file. Memory is one chunk plus the record being read, and a record
/// is bounded by ``CSVLimits`` (field length, record length, field count).
struct CSVRecordReader {
    private let source: CSVByteSource
    private let delimiter: UInt8
    private let limits: CSVLimits
    private var chunk: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var row = 0
    private var skipLineFeed = false
    private var field: [UInt8] = []

    init(source: CSVByteSource, delimiter: UInt8, limits: CSVLimits = .standard) {
        self.source = source
        self.delimiter = delimiter
        self.limits = limits
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

    /// The text of a field's bytes, surrounding spaces, tabs and no-break spaces trimmed (a cell's
    /// value never includes them); notes the first field that is not valid UTF-8.
    private static func string(_ bytes: ArraySlice<UInt8>, nonASCII: Bool, invalid: inout Int?, index: Int) -> String {
        var bytes = bytes
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        if nonASCII {
            while bytes.count >= 2, bytes[bytes.startIndex] == 0xC2, bytes[bytes.startIndex + 1] == 0xA0 { bytes = bytes.dropFirst(2) }
            while bytes.count >= 2, bytes[bytes.endIndex - 2] == 0xC2, bytes[bytes.endIndex - 1] == 0xA0 { bytes = bytes.dropLast(2) }
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            if invalid == nil { invalid = index }
        }
        return String(decoding: bytes, as: UTF8.self)
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
        /// Bytes of the fields already finished in this record, their delimiters included.
        var recordBytes = 0
        let limits = self.limits

        func checkRecord(adding count: Int) throws {
            recordBytes += count + 1
            if fields.count >= limits.maxFields {
                throw CSVStructureError(
                    message: "row \(startRow) has more than \(limits.maxFields) fields (the limit); the rest of the file was not read",
                    row: startRow)
            }
            if recordBytes > limits.maxRecordBytes { throw rowTooLong() }
        }

        func rowTooLong() -> CSVStructureError {
            CSVStructureError(
                message: "row \(startRow) is longer than \(CSVLimits.describe(limits.maxRecordBytes)) (the limit); the rest of the file was not read",
                row: startRow)
        }

        func finishField() throws {
            try checkRecord(adding: field.count)
            fields.append(CSVRecordReader.string(field[...], nonASCII: nonASCII, invalid: &invalidField, index: fields.count))
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
                    if field.count > limits.maxFieldBytes {
                        throw CSVStructureError(
                            message: "the quoted field \(fields.count + 1) opened on row \(startRow) runs past \(CSVLimits.describe(limits.maxFieldBytes)) (the limit): its quote is probably never closed; the rest of the file was not read",
                            row: startRow)
                    }
                    if recordBytes + field.count > limits.maxRecordBytes { throw rowTooLong() }
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
                try finishField()
                position = index + 1
                continue
            }
            if byte == CSVRecordReader.lf || byte == CSVRecordReader.cr {
                try finishField()
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
            // Unquoted text: up to the next delimiter or line end, in bulk.
            let start = index
            while index < end {
                let current = chunk[index]
                if current == delimiter || current == CSVRecordReader.lf || current == CSVRecordReader.cr { break }
                if current >= 0x80 { nonASCII = true }
                index += 1
            }
            if fieldStart && index < end && chunk[index] == delimiter {
                // The whole field lies in this chunk: make its text straight from the chunk.
                try checkRecord(adding: index - start)
                fields.append(CSVRecordReader.string(chunk[start..<index], nonASCII: nonASCII, invalid: &invalidField, index: fields.count))
                nonASCII = false
                position = index + 1
                continue
            }
            fieldStart = false
            field.append(contentsOf: chunk[start..<index])
            position = index
            if field.count > limits.maxFieldBytes {
                throw CSVStructureError(
                    message: "field \(fields.count + 1) of row \(startRow) runs past \(CSVLimits.describe(limits.maxFieldBytes)) (the limit) without a delimiter or line end; the rest of the file was not read",
                    row: startRow)
            }
            if recordBytes + field.count > limits.maxRecordBytes { throw rowTooLong() }
        }
        if quoted && !closed {
            throw CSVStructureError(
                message: "the quote opened in field \(fields.count + 1) of row \(startRow) is never closed; the rest of the file was not read",
                row: startRow)
        }
        try finishField()
        return CSVRecord(fields: fields, row: startRow, invalidField: invalidField)
    }
}
