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
    /// The size of the last record, to reserve the next one's buffers at once.
    private var lastBytes = 256
    private var lastFields = 16

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

    /// The next non-blank record, or `nil` at the end of the file.
    /// Throws ``CSVStructureError`` or ``CSVByteSource/Failure``.
    mutating func next() throws -> CSVRecord? {
        while true {
            guard let record = try readRecord() else { return nil }
            if record.isBlankLine { continue }
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
        var record = CSVRecord(row: startRow, capacity: lastBytes, fields: lastFields)
        var nonASCII = false
        /// Where the current field's bytes begin in the record's buffer.
        var fieldStart = 0
        var quoted = false
        var atFieldStart = true
        var closed = false
        /// Bytes of the fields already finished in this record, their delimiters included.
        var recordBytes = 0
        let limits = self.limits

        func rowTooLong() -> CSVStructureError {
            CSVStructureError(
                message: "row \(startRow) is longer than \(CSVLimits.describe(limits.maxRecordBytes)) (the limit); the rest of the file was not read",
                row: startRow)
        }

        func finishField() throws {
            recordBytes += record.byteCount - fieldStart + 1
            if record.count >= limits.maxFields {
                throw CSVStructureError(
                    message: "row \(startRow) has more than \(limits.maxFields) fields (the limit); the rest of the file was not read",
                    row: startRow)
            }
            if recordBytes > limits.maxRecordBytes { throw rowTooLong() }
            record.finishField(from: fieldStart, nonASCII: nonASCII)
            fieldStart = record.byteCount
            nonASCII = false
            quoted = false
            closed = false
            atFieldStart = true
        }

        func finished() -> CSVRecord {
            lastBytes = max(64, record.byteCount + record.byteCount / 8)
            lastFields = record.count
            return record
        }

        while try fill() {
            let end = chunk.count
            var index = position
            if quoted && !closed {
                // Inside quotes: copy up to the next quote in bulk.
                let start = index
                while index < end && chunk[index] != CSVRecordReader.quote { index += 1 }
                if index > start {
                    chunk.withUnsafeBufferPointer { record.append(UnsafeBufferPointer(rebasing: $0[start..<index])) }
                    if !nonASCII { nonASCII = chunk[start..<index].contains { $0 >= 0x80 } }
                    let fieldLength = record.byteCount - fieldStart
                    if fieldLength > limits.maxFieldBytes {
                        throw CSVStructureError(
                            message: "the quoted field \(record.count + 1) opened on row \(startRow) runs past \(CSVLimits.describe(limits.maxFieldBytes)) (the limit): its quote is probably never closed; the rest of the file was not read",
                            row: startRow)
                    }
                    if recordBytes + fieldLength > limits.maxRecordBytes { throw rowTooLong() }
                }
                if index == end { position = end; continue }
                // A quote: doubled (a literal quote) or closing.
                position = index + 1
                guard try fill() else { closed = true; continue }
                if chunk[position] == CSVRecordReader.quote {
                    record.append(CSVRecordReader.quote)
                    position += 1
                } else {
                    closed = true
                }
                continue
            }
            let byte = chunk[index]
            if atFieldStart && byte == CSVRecordReader.quote {
                quoted = true
                atFieldStart = false
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
                return finished()
            }
            if closed {
                throw CSVStructureError(
                    message: "text after the closing quote of field \(record.count + 1); a quote inside a quoted field must be doubled",
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
            atFieldStart = false
            chunk.withUnsafeBufferPointer { record.append(UnsafeBufferPointer(rebasing: $0[start..<index])) }
            position = index
            if record.byteCount - fieldStart > limits.maxFieldBytes {
                throw CSVStructureError(
                    message: "field \(record.count + 1) of row \(startRow) runs past \(CSVLimits.describe(limits.maxFieldBytes)) (the limit) without a delimiter or line end; the rest of the file was not read",
                    row: startRow)
            }
            if recordBytes + record.byteCount - fieldStart > limits.maxRecordBytes { throw rowTooLong() }
        }
        if quoted && !closed {
            throw CSVStructureError(
                message: "the quote opened in field \(record.count + 1) of row \(startRow) is never closed; the rest of the file was not read",
                row: startRow)
        }
        try finishField()
        return finished()
    }
}
