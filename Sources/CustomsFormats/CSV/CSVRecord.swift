/// One record (row) of a CSV file: the bytes of its fields, unescaped and trimmed, and their
/// bounds in one buffer, and where it stands.
///
/// A field is a byte range of `bytes` (quotes removed, doubled quotes made single, surrounding
/// spaces, tabs and no-break spaces trimmed); its text is made only when it is asked for, so a
/// row costs one allocation however many columns it has, and a declaration column repeated on
/// every row is compared byte for byte, never turned into a `String` again.
struct CSVRecord {
    /// From `base`, the fields' bytes, one after the other, then (from `boundsOffset`) the bounds
    /// of the fields: field `i` is the bytes from `base` plus the `Int32` at `2 i` to `base` plus
    /// the one at `2 i + 1`. The storage is the record's own, or shared by the records of a
    /// batch (``CSVRecordBatch``).
    private let storage: [UInt8]
    private let base: Int
    private let boundsOffset: Int
    /// How many fields the record has.
    let count: Int
    /// 1-based record number, the header being row 1 (a quoted line break does not start a new
    /// row, as in a spreadsheet); blank lines count.
    var row: Int
    /// The index of the first field whose bytes are not valid UTF-8, if any.
    var invalidField: Int?

    /// A record of fields already unescaped and trimmed: `bytes` holds the fields' bytes and
    /// `bounds` (2 × `count`) each field's start and end in them; both are copied into one buffer.
    init(row: Int, bytes: UnsafeBufferPointer<UInt8>, bounds: UnsafeBufferPointer<Int32>, invalidField: Int?) {
        self.row = row
        self.invalidField = invalidField
        count = bounds.count >> 1
        let offset = (bytes.count + 3) & ~3
        base = 0
        boundsOffset = offset
        let total = offset + 4 * bounds.count
        storage = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            let base = UnsafeMutableRawPointer(buffer.baseAddress!)
            if let source = bytes.baseAddress, bytes.count > 0 { base.copyMemory(from: source, byteCount: bytes.count) }
            if offset > bytes.count { (base + bytes.count).initializeMemory(as: UInt8.self, repeating: 0, count: offset - bytes.count) }
            if let source = bounds.baseAddress, bounds.count > 0 { (base + offset).copyMemory(from: source, byteCount: 4 * bounds.count) }
            initialized = total
        }
    }

    /// A record whose bytes and bounds lie in `storage` (shared with the other records of a
    /// ``CSVRecordBatch``): its fields' bytes from `base`, their bounds from `boundsOffset`.
    init(storage: [UInt8], base: Int, boundsOffset: Int, count: Int, row: Int, invalidField: Int?) {
        self.storage = storage
        self.base = base
        self.boundsOffset = boundsOffset
        self.count = count
        self.row = row
        self.invalidField = invalidField
    }

    /// Calls `body` with the fields' bytes and their bounds (2 × ``count``), as
    /// ``init(row:bytes:bounds:invalidField:)`` takes them.
    func withFieldsAndBounds<R>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int32>) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes { raw in
            let bytes = UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + base, count: byteCount)
            var bounds = [Int32](repeating: 0, count: 2 * count)
            for index in 0..<(2 * count) {
                bounds[index] = raw.loadUnaligned(fromByteOffset: boundsOffset + 4 * index, as: Int32.self)
            }
            return try bounds.withUnsafeBufferPointer { try body(bytes, $0) }
        }
    }

    @inline(__always) private func start(_ index: Int) -> Int {
        storage.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: boundsOffset &+ 8 &* index, as: Int32.self)) }
    }

    @inline(__always) private func end(_ index: Int) -> Int {
        storage.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: boundsOffset &+ 8 &* index &+ 4, as: Int32.self)) }
    }

    /// The number of bytes of the fields.
    var byteCount: Int { count == 0 ? 0 : end(count - 1) }

    private var bytes: [UInt8] { storage }


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
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[(base + start)..<(base + end)]), as: UTF8.self) }
    }

    /// Calls `body` with the bytes of field `index`.
    func withBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = start(index)
        let end = end(index)
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[(base + start)..<(base + end)])) }
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
                memcmp(mine.baseAddress! + base + a, theirs.baseAddress! + other.base + b, length) == 0
            }
        }
    }

    /// True when fields `first...last` of this record and of `other` are the same bytes at the
    /// same places of the record's bytes (so each of them is `same` as the other's), compared at once.
    func sameRun(_ first: Int, _ last: Int, as other: CSVRecord) -> Bool {
        guard last < count, last < other.count, first <= last else { return false }
        let boundsEqual = storage.withUnsafeBytes { mine in
            other.storage.withUnsafeBytes { theirs in
                memcmp(mine.baseAddress! + boundsOffset + 8 * first, theirs.baseAddress! + other.boundsOffset + 8 * first, 8 * (last - first + 1)) == 0
            }
        }
        guard boundsEqual else { return false }
        let start = start(first)
        let length = end(last) - start
        if length == 0 { return true }
        return bytes.withUnsafeBufferPointer { mine in
            other.bytes.withUnsafeBufferPointer { theirs in
                memcmp(mine.baseAddress! + base + start, theirs.baseAddress! + other.base + start, length) == 0
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

/// A record being read byte by byte (a record the chunk does not hold whole, or one the reader
/// has to say something about): its fields' bytes and bounds as they are finished.
struct CSVRecordBuilder {
    private(set) var bytes: [UInt8]
    private(set) var bounds: [Int32]
    let row: Int
    private(set) var invalidField: Int?

    init(row: Int, capacity: Int, fields: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bounds = []
        bounds.reserveCapacity(2 * fields)
        self.row = row
    }


    /// The number of bytes written so far.
    var byteCount: Int { bytes.count }

    /// How many fields are finished.
    var count: Int { bounds.count >> 1 }

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

    /// The record read.
    func build() -> CSVRecord {
        bytes.withUnsafeBufferPointer { bytes in
            bounds.withUnsafeBufferPointer { CSVRecord(row: row, bytes: bytes, bounds: $0, invalidField: invalidField) }
        }
    }

}
