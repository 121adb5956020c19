/// One record (row) of a CSV file: the bytes of its fields, unescaped and trimmed, side by side
/// in one buffer, and where it stands.
///
/// A field is a byte range of `bytes` (quotes removed, doubled quotes made single, surrounding
/// spaces, tabs and no-break spaces trimmed); its text is made only when it is asked for, so a
/// row costs two allocations however many columns it has, and a declaration column repeated on
/// every row is compared byte for byte, never turned into a `String` again.
struct CSVRecord {
    /// The fields' bytes, one after the other.
    private(set) var bytes: [UInt8]
    /// Field `i` is `bytes[bounds[2 i] ..< bounds[2 i + 1]]`.
    private(set) var bounds: [Int32]
    /// 1-based record number, the header being row 1 (a quoted line break does not start a new
    /// row, as in a spreadsheet); blank lines count.
    var row: Int
    /// The index of the first field whose bytes are not valid UTF-8, if any.
    var invalidField: Int?

    init(row: Int, capacity: Int, fields: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bounds = []
        bounds.reserveCapacity(2 * fields)
        self.row = row
    }

    /// A record of fields already unescaped and trimmed: `bounds` holds each field's start and end in `bytes`.
    init(row: Int, bytes: [UInt8], bounds: [Int32], invalidField: Int?) {
        self.row = row
        self.bytes = bytes
        self.bounds = bounds
        self.invalidField = invalidField
    }

    @inline(__always) private func start(_ index: Int) -> Int { Int(bounds[2 &* index]) }
    @inline(__always) private func end(_ index: Int) -> Int { Int(bounds[2 &* index &+ 1]) }

    /// How many fields the record has.
    var count: Int { bounds.count >> 1 }

    /// True when field `index` is empty.
    func isEmpty(_ index: Int) -> Bool { start(index) == end(index) }

    /// The number of bytes of field `index`.
    func length(_ index: Int) -> Int { end(index) - start(index) }

    /// The text of field `index` (valid UTF-8 unless it is `invalidField` or later: then
    /// invalid sequences read as U+FFFD, as `String(decoding:)` does).
    subscript(index: Int) -> String {
        let start = start(index)
        let end = end(index)
        if start == end { return "" }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// Calls `body` with the bytes of field `index`.
    func withBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = start(index)
        let end = end(index)
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// True when field `index` of this record holds the same bytes as field `otherIndex` of `other`.
    func same(_ index: Int, as other: CSVRecord, _ otherIndex: Int) -> Bool {
        let length = self.length(index)
        guard length == other.length(otherIndex) else { return false }
        if length == 0 { return true }
        let a = start(index)
        let b = other.start(otherIndex)
        return bytes.withUnsafeBufferPointer { mine in
            other.bytes.withUnsafeBufferPointer { theirs in
                memcmp(mine.baseAddress! + a, theirs.baseAddress! + b, length) == 0
            }
        }
    }

    /// True when fields `first...last` of this record and of `other` are the same bytes at the
    /// same places of the record's bytes (so each of them is `same` as the other's), compared at once.
    func sameRun(_ first: Int, _ last: Int, as other: CSVRecord) -> Bool {
        guard last < count, last < other.count, first <= last else { return false }
        let boundsEqual = bounds.withUnsafeBufferPointer { mine in
            other.bounds.withUnsafeBufferPointer { theirs in
                memcmp(mine.baseAddress! + 2 * first, theirs.baseAddress! + 2 * first, 4 * 2 * (last - first + 1)) == 0
            }
        }
        guard boundsEqual else { return false }
        let start = start(first)
        let length = end(last) - start
        if length == 0 { return true }
        return bytes.withUnsafeBufferPointer { mine in
            other.bytes.withUnsafeBufferPointer { theirs in
                memcmp(mine.baseAddress! + start, theirs.baseAddress! + start, length) == 0
            }
        }
    }

    /// True when field `index` holds exactly `text`'s UTF-8 bytes.
    func equals(_ index: Int, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { other in
            withBytes(index) { mine in mine.count == other.count && (mine.count == 0 || memcmp(mine.baseAddress!, other.baseAddress!, mine.count) == 0) }
        }
    }

    /// Every field's text (the header, the number-format sample, the events layout).
    var fields: [String] { (0..<count).map { self[$0] } }

    /// True when the record is one empty field (a blank line).
    var isBlankLine: Bool { count == 1 && start(0) == end(0) }

    // MARK: Building (the reader)

    /// The number of bytes written so far.
    var byteCount: Int { bytes.count }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }

    /// Ends the field that began at `start` (a `byteCount` taken when it began): trims spaces and
    /// tabs, then no-break spaces when it holds non-ASCII bytes, and checks its UTF-8 when it does.
    mutating func finishField(from start: Int, nonASCII: Bool) {
        var first = start
        var end = bytes.count
        let index = count
        bytes.withUnsafeBufferPointer { b in
            while first < end, b[first] == 0x20 || b[first] == 0x09 { first += 1 }
            while end > first, b[end - 1] == 0x20 || b[end - 1] == 0x09 { end -= 1 }
            if nonASCII {
                while end - first >= 2, b[first] == 0xC2, b[first + 1] == 0xA0 { first += 2 }
                while end - first >= 2, b[end - 2] == 0xC2, b[end - 1] == 0xA0 { end -= 2 }
            }
        }
        // Trailing bytes trimmed are given back, so the buffer holds only the fields' bytes.
        if end < bytes.count { bytes.removeSubrange(end...) }
        bounds.append(Int32(first))
        bounds.append(Int32(end))
        if nonASCII, invalidField == nil, !CSVRecord.isValidUTF8(bytes, first, end) { invalidField = index }
    }

    static func isValidUTF8(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            String(validating: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self) != nil
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
