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
    /// Scratch storage of the record being read by ``fastRecord()``.
    private var scratchBytes: [UInt8] = []
    private var scratchBounds: [Int32] = []

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
        if try source.next(into: &chunk) {
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

    /// What the reader knows of the record being read.
    private struct Progress {
        var record: CSVRecord
        let startRow: Int
        var nonASCII = false
        /// Where the current field's bytes begin in the record's buffer.
        var fieldStart = 0
        var quoted = false
        var atFieldStart = true
        var closed = false
        /// Bytes of the fields already finished in this record, their delimiters included.
        var recordBytes = 0

        /// The bytes of the field being read (untrimmed).
        var fieldLength: Int { record.byteCount - fieldStart }

        func rowTooLong(_ limits: CSVLimits) -> CSVStructureError {
            CSVStructureError(
                message: "row \(startRow) is longer than \(CSVLimits.describe(limits.maxRecordBytes)) (the limit); the rest of the file was not read",
                row: startRow)
        }

        mutating func finishField(_ limits: CSVLimits) throws(CSVStructureError) {
            recordBytes += fieldLength + 1
            if record.count >= limits.maxFields {
                throw CSVStructureError(
                    message: "row \(startRow) has more than \(limits.maxFields) fields (the limit); the rest of the file was not read",
                    row: startRow)
            }
            if recordBytes > limits.maxRecordBytes { throw rowTooLong(limits) }
            record.finishField(from: fieldStart, nonASCII: nonASCII)
            fieldStart = record.byteCount
            nonASCII = false
            quoted = false
            closed = false
            atFieldStart = true
        }
    }

    /// The end of the unquoted text from `start`: the first delimiter, CR or LF, or the end of
    /// the chunk; and whether a byte before it is non-ASCII.
    private static func scanUnquoted(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8) -> (end: Int, nonASCII: Bool) {
        var index = start
        var high: UInt8 = 0
        let count = bytes.count
        let base = bytes.baseAddress!
        while index < count {
            let byte = base[index]
            if byte == delimiter || byte == CSVRecordReader.lf || byte == CSVRecordReader.cr { break }
            high |= byte
            index += 1
        }
        return (index, high >= 0x80)
    }

    /// The first quote at or after `start`, or the end of the chunk; and whether a byte before it is non-ASCII.
    private static func scanQuoted(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, nonASCII: Bool) {
        let count = bytes.count
        guard start < count else { return (count, false) }
        let base = bytes.baseAddress!
        let found = memchr(base + start, Int32(CSVRecordReader.quote), count - start)
        let end = found.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? count
        var high: UInt8 = 0
        for index in start..<end { high |= base[index] }
        return (end, high >= 0x80)
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
        if let record = fastRecord() { return record }
        var state = Progress(record: CSVRecord(row: row, capacity: lastBytes, fields: lastFields), startRow: row)
        let limits = self.limits
        let delimiter = self.delimiter

        while try fill() {
            let end = chunk.count
            var index = position
            if state.quoted && !state.closed {
                // Inside quotes: copy up to the next quote in bulk.
                let start = index
                let scan = chunk.withUnsafeBufferPointer { CSVRecordReader.scanQuoted($0, from: start) }
                index = scan.end
                if index > start {
                    chunk.withUnsafeBufferPointer { state.record.append(UnsafeBufferPointer(rebasing: $0[start..<index])) }
                    if scan.nonASCII { state.nonASCII = true }
                    if state.fieldLength > limits.maxFieldBytes {
                        throw CSVStructureError(
                            message: "the quoted field \(state.record.count + 1) opened on row \(state.startRow) runs past \(CSVLimits.describe(limits.maxFieldBytes)) (the limit): its quote is probably never closed; the rest of the file was not read",
                            row: state.startRow)
                    }
                    if state.recordBytes + state.fieldLength > limits.maxRecordBytes { throw state.rowTooLong(limits) }
                }
                if index == end { position = end; continue }
                // A quote: doubled (a literal quote) or closing.
                position = index + 1
                guard try fill() else { state.closed = true; continue }
                if chunk[position] == CSVRecordReader.quote {
                    state.record.append(CSVRecordReader.quote)
                    position += 1
                } else {
                    state.closed = true
                }
                continue
            }
            let byte = chunk[index]
            if state.atFieldStart && byte == CSVRecordReader.quote {
                state.quoted = true
                state.atFieldStart = false
                position = index + 1
                continue
            }
            if byte == delimiter {
                try state.finishField(limits)
                position = index + 1
                continue
            }
            if byte == CSVRecordReader.lf || byte == CSVRecordReader.cr {
                try state.finishField(limits)
                position = index + 1
                if byte == CSVRecordReader.cr {
                    if position < end {
                        if chunk[position] == CSVRecordReader.lf { position += 1 }
                    } else {
                        skipLineFeed = true
                    }
                }
                return finished(state.record)
            }
            if state.closed {
                throw CSVStructureError(
                    message: "text after the closing quote of field \(state.record.count + 1); a quote inside a quoted field must be doubled",
                    row: state.startRow)
            }
            // Unquoted text: up to the next delimiter or line end, in bulk.
            let start = index
            let scan = chunk.withUnsafeBufferPointer { CSVRecordReader.scanUnquoted($0, from: start, delimiter: delimiter) }
            index = scan.end
            if scan.nonASCII { state.nonASCII = true }
            state.atFieldStart = false
            chunk.withUnsafeBufferPointer { state.record.append(UnsafeBufferPointer(rebasing: $0[start..<index])) }
            position = index
            if state.fieldLength > limits.maxFieldBytes {
                throw CSVStructureError(
                    message: "field \(state.record.count + 1) of row \(state.startRow) runs past \(CSVLimits.describe(limits.maxFieldBytes)) (the limit) without a delimiter or line end; the rest of the file was not read",
                    row: state.startRow)
            }
            if state.recordBytes + state.fieldLength > limits.maxRecordBytes { throw state.rowTooLong(limits) }
        }
        if state.quoted && !state.closed {
            throw CSVStructureError(
                message: "the quote opened in field \(state.record.count + 1) of row \(state.startRow) is never closed; the rest of the file was not read",
                row: state.startRow)
        }
        try state.finishField(limits)
        return finished(state.record)
    }

    /// The record at `position` when the chunk holds all of it, its line end included, and it is
    /// well-formed and within the limits (the common record), read in one pass over the chunk:
    /// fields are unescaped and trimmed into scratch storage, then copied into the record at
    /// once. `nil` (nothing consumed) for any other record, which the byte-by-byte path then
    /// reads, with its errors.
    private mutating func fastRecord() -> CSVRecord? {
        let start = position
        let available = chunk.count - start
        guard available > 0 else { return nil }
        if scratchBytes.count < available { scratchBytes = [UInt8](repeating: 0, count: max(available, 4096)) }
        let delimiter = self.delimiter
        let limits = self.limits
        let row = self.row
        var fieldCount = 0
        var byteCount = 0
        var invalid: Int?
        var next = -1
        let quote = CSVRecordReader.quote
        let cr = CSVRecordReader.cr
        let lf = CSVRecordReader.lf
        guard delimiter != quote, delimiter != cr, delimiter != lf else { return nil }
        chunk.withUnsafeBufferPointer { input in
            scratchBytes.withUnsafeMutableBufferPointer { output in
                let base = input.baseAddress!
                let out = output.baseAddress!
                let count = input.count
                var index = start
                var written = 0
                // Bytes of the fields so far with a delimiter each, as the byte-by-byte path counts them.
                var recordBytes = 0
                while true {
                    guard index < count else { return }
                    let fieldStart = written
                    var high: UInt8 = 0
                    if base[index] == quote {
                        index += 1
                        while true {
                            guard index < count,
                                  let found = memchr(base + index, Int32(quote), count - index) else { return }
                            let at = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                            let length = at - index
                            if length > 0 {
                                (out + written).update(from: base + index, count: length)
                                for offset in index..<at { high |= base[offset] }
                                written += length
                            }
                            index = at + 1
                            guard index < count else { return }
                            if base[index] == quote {
                                out[written] = quote
                                written += 1
                                index += 1
                            } else {
                                break
                            }
                        }
                        // After the closing quote: a delimiter or the line end, else the byte-by-byte path says what is wrong.
                        let byte = base[index]
                        guard byte == delimiter || byte == cr || byte == lf else { return }
                    } else {
                        let from = index
                        while index < count {
                            let byte = base[index]
                            if byte == delimiter || byte == lf || byte == cr { break }
                            high |= byte
                            index += 1
                        }
                        guard index < count else { return }
                        let length = index - from
                        if length > 0 { (out + written).update(from: base + from, count: length) }
                        written += length
                    }
                    // The field is `out[fieldStart..<written]`, and `base[index]` ends it.
                    let length = written - fieldStart
                    recordBytes += length + 1
                    guard length <= limits.maxFieldBytes, fieldCount < limits.maxFields,
                          recordBytes <= limits.maxRecordBytes else { return }
                    var first = fieldStart
                    var end = written
                    while first < end, out[first] == 0x20 || out[first] == 0x09 { first += 1 }
                    while end > first, out[end - 1] == 0x20 || out[end - 1] == 0x09 { end -= 1 }
                    if high >= 0x80 {
                        while end - first >= 2, out[first] == 0xC2, out[first + 1] == 0xA0 { first += 2 }
                        while end - first >= 2, out[end - 2] == 0xC2, out[end - 1] == 0xA0 { end -= 2 }
                        if invalid == nil,
                           String(validating: UnsafeBufferPointer(start: out + first, count: end - first), as: UTF8.self) == nil {
                            invalid = fieldCount
                        }
                    }
                    scratchBounds.append(Int32(first))
                    scratchBounds.append(Int32(end))
                    fieldCount += 1
                    let byte = base[index]
                    index += 1
                    if byte == delimiter { continue }
                    if byte == cr {
                        // CR LF or CR alone; a CR that ends the chunk may be followed by a LF in the next one.
                        guard index < count else { return }
                        if base[index] == lf { index += 1 }
                    }
                    byteCount = written
                    next = index
                    return
                }
            }
        }
        defer { scratchBounds.removeAll(keepingCapacity: true) }
        guard next >= 0 else { return nil }
        position = next
        let bytes = scratchBytes.withUnsafeBufferPointer { Array(UnsafeBufferPointer(rebasing: $0[0..<byteCount])) }
        return CSVRecord(row: row, bytes: bytes, bounds: scratchBounds, invalidField: invalid)
    }

    private mutating func finished(_ record: CSVRecord) -> CSVRecord {
        lastBytes = max(64, record.byteCount + record.byteCount / 8)
        lastFields = record.count
        return record
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
