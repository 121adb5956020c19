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
    /// Scratch storage of the record being read by ``fastRecord()``: its fields' bounds, and
    /// the fields that hold doubled quotes.
    private let scratchBounds = CSVBoundsScratch()
    private var scratchEscaped: [Int32] = []

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
            guard let record = try readRecord(CSVRecord.init, whole: { $0 }) else { return nil }
            if record.isBlankLine { continue }
            return record
        }
    }

    /// Writes the next non-blank record into `batch`, the common record straight from the chunk;
    /// `false` at the end of the file. Throws as ``next()`` does, at the same record.
    mutating func next(appendingTo batch: inout CSVRecordBatch) throws -> Bool {
        while true {
            let appended = try readRecord({ row, bytes, bounds, invalidField in
                // A blank line: one empty field.
                if bounds.count == 2 && bounds[0] == bounds[1] { return false }
                batch.append(row: row, bytes: bytes, bounds: bounds, invalidField: invalidField)
                return true
            }, whole: { record in
                if record.isBlankLine { return false }
                batch.append(record)
                return true
            })
            guard let appended else { return false }
            if appended { return true }
        }
    }

    /// What a record read is made into: from its row, its fields' bytes, their bounds (2 × the
    /// field count) and its first field that is not valid UTF-8 (a record read in one pass over
    /// the chunk), or from a ``CSVRecord`` (one read byte by byte).
    private typealias RecordMaker<Made> = (Int, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int32>, Int?) -> Made

    /// What the reader knows of the record being read.
    private struct Progress {
        var record: CSVRecordBuilder
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

    private mutating func readRecord<Made>(_ make: RecordMaker<Made>, whole: (CSVRecord) -> Made) throws -> Made? {
        guard try fill() else { return nil }
        if skipLineFeed {
            skipLineFeed = false
            if chunk[position] == CSVRecordReader.lf {
                position += 1
                guard try fill() else { return nil }
            }
        }
        row += 1
        if let made = fastRecord(make) { return made }
        var state = Progress(record: CSVRecordBuilder(row: row, capacity: lastBytes, fields: lastFields), startRow: row)
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
                return whole(finished(state.record.build()))
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
        return whole(finished(state.record.build()))
    }

    /// The record at `position` when the chunk holds all of it, its line end included, and it is
    /// well-formed and within the limits (the common record), read in one pass over the chunk:
    /// its bytes are copied at once and its fields are ranges of them (a quoted field with doubled
    /// quotes is unescaped in the copy). `nil` (nothing consumed) for any other record, which the
    /// byte-by-byte path then reads, with its errors.
    private mutating func fastRecord<Made>(_ make: RecordMaker<Made>) -> Made? {
        let start = position
        let delimiter = self.delimiter
        let quote = CSVRecordReader.quote
        let cr = CSVRecordReader.cr
        let lf = CSVRecordReader.lf
        guard start < chunk.count, delimiter != quote, delimiter != cr, delimiter != lf else { return nil }
        let limits = self.limits
        let scratch = scratchBounds
        scratch.count = 0
        scratchEscaped.removeAll(keepingCapacity: true)
        var nonASCII = false
        // The record's bytes are `chunk[start..<end]`; the next record starts at `next`.
        var end = -1
        var next = -1
        chunk.withUnsafeBufferPointer { input in
            let base = input.baseAddress!
            let count = input.count
            let delimiters = UInt64(delimiter) &* 0x0101_0101_0101_0101
            let lineFeeds = UInt64(lf) &* 0x0101_0101_0101_0101
            let returns = UInt64(cr) &* 0x0101_0101_0101_0101
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            var index = start
            // Bytes of the fields so far with a delimiter each, as the byte-by-byte path counts them.
            var recordBytes = 0
            while true {
                guard index < count else { return }
                var first: Int
                var last: Int
                var high: UInt64 = 0
                var escaped = false
                if base[index] == quote {
                    index += 1
                    first = index
                    while true {
                        guard index < count,
                              let found = memchr(base + index, Int32(quote), count - index) else { return }
                        let at = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                        high |= CSVRecordReader.orOfBytes(base, from: index, to: at)
                        index = at + 1
                        guard index < count else { return }
                        if base[index] == quote {
                            escaped = true
                            index += 1
                        } else {
                            last = at
                            break
                        }
                    }
                    // After the closing quote: a delimiter or the line end, else the byte-by-byte path says what is wrong.
                    let byte = base[index]
                    guard byte == delimiter || byte == cr || byte == lf else { return }
                } else {
                    first = index
                    // Eight bytes at a time: the lowest byte equal to a delimiter, CR or LF ends the field.
                    while index + 8 <= count {
                        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                        let a = word ^ delimiters
                        let b = word ^ lineFeeds
                        let c = word ^ returns
                        let found = ((a &- ones) & ~a | (b &- ones) & ~b | (c &- ones) & ~c) & highs
                        if found != 0 {
                            let bytes = found.trailingZeroBitCount >> 3
                            if bytes > 0 { high |= word & (UInt64.max >> (64 - 8 * bytes)) }
                            index += bytes
                            break
                        }
                        high |= word
                        index += 8
                    }
                    if index + 8 > count {
                        while index < count {
                            let byte = base[index]
                            if byte == delimiter || byte == lf || byte == cr { break }
                            high |= UInt64(byte)
                            index += 1
                        }
                        guard index < count else { return }
                    }
                    last = index
                }
                // The field's untrimmed bytes are `first..<last` (escaped: doubled quotes still in),
                // and `base[index]` ends it.
                let isHigh = high & highs != 0
                if escaped {
                    // Each doubled quote counts once (from one quote to the next, not byte by byte).
                    var quotes = 0
                    var offset = first
                    while offset < last, let found = memchr(base + offset, Int32(quote), last - offset) {
                        quotes += 1
                        offset = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 2
                    }
                    recordBytes += last - first - quotes + 1
                    guard last - first - quotes <= limits.maxFieldBytes else { return }
                    scratchEscaped.append(Int32(scratch.count >> 1))
                } else {
                    recordBytes += last - first + 1
                    guard last - first <= limits.maxFieldBytes else { return }
                    while first < last, base[first] == 0x20 || base[first] == 0x09 { first += 1 }
                    while last > first, base[last - 1] == 0x20 || base[last - 1] == 0x09 { last -= 1 }
                    if isHigh {
                        nonASCII = true
                        while last - first >= 2, base[first] == 0xC2, base[first + 1] == 0xA0 { first += 2 }
                        while last - first >= 2, base[last - 2] == 0xC2, base[last - 1] == 0xA0 { last -= 2 }
                    }
                }
                guard scratch.count >> 1 < limits.maxFields, recordBytes <= limits.maxRecordBytes else { return }
                scratch.append(Int32(first - start), Int32(last - start))
                if escaped && isHigh { nonASCII = true }
                let byte = base[index]
                let ending = index
                index += 1
                if byte == delimiter { continue }
                if byte == cr {
                    // CR LF or CR alone; a CR that ends the chunk may be followed by a LF in the next one.
                    guard index < count else { return }
                    if base[index] == lf { index += 1 }
                }
                end = ending
                next = index
                return
            }
        }
        guard next >= 0 else { return nil }
        position = next
        let bounds = scratch.storage
        let fieldCount = scratch.count >> 1
        // The record is taken: its bytes in the chunk are not read again, so doubled quotes are
        // unescaped there, in place.
        if !scratchEscaped.isEmpty {
            chunk.withUnsafeMutableBufferPointer { whole in
                let buffer = UnsafeMutableBufferPointer(rebasing: whole[start..<end])
                for field in scratchEscaped {
                    let i = 2 * Int(field)
                    var read = Int(bounds[i])
                    let stop = Int(bounds[i + 1])
                    var write = read
                    // Runs up to and with each doubled quote's first half are moved down at once.
                    let base = buffer.baseAddress!
                    while read < stop {
                        let found = memchr(base + read, Int32(quote), stop - read)
                        let end = found.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) + 1 } ?? stop
                        if write != read { memmove(base + write, base + read, end - read) }
                        write += end - read
                        read = found == nil ? stop : end + 1
                    }
                    var first = Int(bounds[i])
                    var last = write
                    while first < last, buffer[first] == 0x20 || buffer[first] == 0x09 { first += 1 }
                    while last > first, buffer[last - 1] == 0x20 || buffer[last - 1] == 0x09 { last -= 1 }
                    if nonASCII {
                        while last - first >= 2, buffer[first] == 0xC2, buffer[first + 1] == 0xA0 { first += 2 }
                        while last - first >= 2, buffer[last - 2] == 0xC2, buffer[last - 1] == 0xA0 { last -= 2 }
                    }
                    bounds[i] = Int32(first)
                    bounds[i + 1] = Int32(last)
                }
            }
        }
        return chunk.withUnsafeBufferPointer { whole in
            let buffer = UnsafeBufferPointer(rebasing: whole[start..<end])
            var invalid: Int?
            if nonASCII {
                for field in 0..<fieldCount {
                    let range = Int(bounds[2 * field])..<Int(bounds[2 * field + 1])
                    if String(validating: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self) == nil {
                        invalid = field
                        break
                    }
                }
            }
            return make(row, buffer, UnsafeBufferPointer(start: bounds, count: 2 * fieldCount), invalid)
        }
    }

    /// The bytes `from..<to` OR-ed together, eight at a time (only their high bits are read:
    /// whether any byte is not ASCII).
    @inline(__always)
    private static func orOfBytes(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> UInt64 {
        var high: UInt64 = 0
        var index = from
        while index + 8 <= to {
            high |= UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            index += 8
        }
        while index < to {
            high |= UInt64(base[index])
            index += 1
        }
        return high
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

/// Growable storage of a record's field bounds while it is read, reused from record to record
/// (written without the checks of an array append).
final class CSVBoundsScratch {
    private(set) var storage: UnsafeMutablePointer<Int32>
    private var capacity = 128
    var count = 0

    init() { storage = .allocate(capacity: capacity) }

    deinit { storage.deallocate() }

    @inline(__always) func append(_ start: Int32, _ end: Int32) {
        if count + 2 > capacity { grow() }
        storage[count] = start
        storage[count + 1] = end
        count += 2
    }

    private func grow() {
        let larger = UnsafeMutablePointer<Int32>.allocate(capacity: capacity * 2)
        larger.update(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity *= 2
    }
}
