/// JSON text being written, as UTF-8 bytes: what ``JSONValue`` serializes into and what writers
/// that put a large document together piece by piece (`validate --format json`) append to,
/// without building a `String` per piece.
///
/// The bytes are held in one growing block of memory appended to in place (a piece costs a
/// capacity check and a copy, not the generic machinery of `Array.append(contentsOf:)`); a
/// copy of a `JSONText` shares the block until either is written to.
public struct JSONText: @unchecked Sendable {
    // Unchecked: the block is written to only when this value holds the one reference to it.
    private var storage: Storage

    public init() {
        storage = Self.block(capacity: 256)
    }

    /// The number of bytes written so far.
    public var count: Int { storage.withUnsafeMutablePointerToHeader { $0.pointee.count } }

    /// The text written so far.
    public var text: String {
        withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Forgets what was written, keeping the room it took.
    public mutating func removeAll() {
        if isKnownUniquelyReferenced(&storage) {
            storage.withUnsafeMutablePointerToHeader { $0.pointee.count = 0 }
        } else {
            storage = Self.block(capacity: storage.withUnsafeMutablePointerToHeader { $0.pointee.capacity })
        }
    }

    /// The UTF-8 bytes written so far, lent to `body` (to write them out without making a
    /// `String` of them first).
    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withBytes(body)
    }

    /// The bytes written so far, valid during `body` only.
    private func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try storage.withUnsafeMutablePointers { header, bytes in try body(UnsafeBufferPointer(start: bytes, count: header.pointee.count)) }
    }

    /// Appends JSON syntax as it is (`{`, `,\n      "key": `, `null`).
    public mutating func append(_ syntax: StaticString) {
        // Through the buffer: a one-character literal is held as a scalar, not as a pointer.
        syntax.withUTF8Buffer { append($0) }
    }

    /// Appends text that needs no escape as it is (a number's text).
    public mutating func append(raw text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends what another writer wrote.
    public mutating func append(_ other: JSONText) {
        other.withBytes { append($0) }
    }

    /// Appends an integer's decimal text.
    public mutating func append(_ number: Int) {
        append(raw: String(number))
    }

    /// Appends a newline and the indentation of `level` levels (two spaces each).
    public mutating func appendNewline(indent level: Int) {
        let spaces = 2 * level
        write(count: 1 + spaces) { destination in
            destination.initialize(to: 0x0A)
            (destination + 1).initialize(repeating: 0x20, count: spaces)
        }
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        append(base, count: bytes.count)
    }

    /// Copies `count` bytes from `source` to the end.
    private mutating func append(_ source: UnsafePointer<UInt8>, count: Int) {
        write(count: count) { $0.initialize(from: source, count: count) }
    }

    /// Lets `body` write `count` bytes at the end, growing the block (to twice its size, at
    /// least) when they do not fit, or copying it first when it is shared.
    private mutating func write(count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        // The header read through its pointer: the `header` property is checked for exclusive access at run time.
        let (written, capacity) = storage.withUnsafeMutablePointerToHeader { $0.pointee }
        let needed = written + count
        if !isKnownUniquelyReferenced(&storage) || needed > capacity {
            storage = copy(capacity: needed > capacity ? max(2 * capacity, needed) : capacity)
        }
        storage.withUnsafeMutablePointers { header, bytes in
            body(bytes + written)
            header.pointee.count = needed
        }
    }

    private mutating func append(byte: UInt8) {
        withUnsafePointer(to: byte) { append($0, count: 1) }
    }

    /// A block of bytes and how many of them are written; freed with its last reference (the
    /// bytes need no deinitializing).
    private typealias Storage = ManagedBuffer<(count: Int, capacity: Int), UInt8>

    private static func block(capacity: Int) -> Storage {
        Storage.create(minimumCapacity: capacity) { _ in (0, capacity) }
    }

    /// A block of `capacity` bytes holding the bytes written so far.
    private func copy(capacity: Int) -> Storage {
        let block = Self.block(capacity: capacity)
        withBytes { written in
            block.withUnsafeMutablePointers { header, bytes in
                if let base = written.baseAddress { bytes.initialize(from: base, count: written.count) }
                header.pointee.count = written.count
            }
        }
        return block
    }

    /// Appends `text` as a JSON string: quoted, with `"`, `\`, the control characters, DEL and
    /// U+2028/U+2029 escaped (`\n`, `\r`, `\t` by name, the others as `\u` and four lower-case
    /// hex digits), every other character as it is.
    public mutating func appendString(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            // Most strings need no escape: written whole between their quotes. Any byte that
            // might need one (quote, backslash, control, DEL, or 0xE2, the lead byte of
            // U+2028/U+2029) takes the byte walk.
            guard Self.mayNeedEscape(utf8) else {
                write(count: utf8.count + 2) { destination in
                    destination.initialize(to: 0x22)
                    if let base = utf8.baseAddress { (destination + 1).initialize(from: base, count: utf8.count) }
                    (destination + 1 + utf8.count).initialize(to: 0x22)
                }
                return
            }
            append(byte: 0x22)
            appendEscaped(utf8)
            append(byte: 0x22)
        }
    }

    /// Whether any byte is `"`, `\`, a control character, DEL or 0xE2, looked for eight bytes
    /// at a time: a byte is below 0x20 when subtracting 0x20 from it borrows past its high bit
    /// (which it did not have), and equal to a value when it XORs to zero.
    private static func mayNeedEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func below(_ word: UInt64, _ bound: UInt64) -> Bool { (word &- ones &* bound) & ~word & highs != 0 }
        func has(_ word: UInt64, _ byte: UInt64) -> Bool { below(word ^ (ones &* byte), 1) }
        var offset = 0
        while offset + 8 <= utf8.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
            if below(word, 0x20) || has(word, 0x22) || has(word, 0x5C) || has(word, 0x7F) || has(word, 0xE2) { return true }
            offset += 8
        }
        while offset < utf8.count {
            let byte = base[offset]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xE2 { return true }
            offset += 1
        }
        return false
    }

    /// The bytes of valid UTF-8 text with the escapes of ``appendString(_:)``: an ASCII byte is
    /// never part of a multi-byte character, and U+2028/U+2029 are `E2 80 A8`/`E2 80 A9`.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            index += 1
            switch byte {
            case 0x22: append("\\\"")
            case 0x5C: append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0xE2 where index + 1 < utf8.count && utf8[index] == 0x80 && (utf8[index + 1] == 0xA8 || utf8[index + 1] == 0xA9):
                append(utf8[index + 1] == 0xA8 ? "\\u2028" : "\\u2029")
                index += 2
            case ..<0x20, 0x7F:
                let hex: StaticString = "0123456789abcdef"
                append("\\u00")
                hex.withUTF8Buffer { digits in
                    append(byte: digits[Int(byte >> 4)])
                    append(byte: digits[Int(byte & 0x0F)])
                }
            default:
                append(byte: byte)
            }
        }
    }
}
