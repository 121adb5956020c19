/// Why bytes are not an encoding of ``DeclarationCodec``: they end too soon, or hold a value
/// its encoder never writes. Internal: ``DeclarationCodec/decode(_:goodsItems:)`` answers `nil`.
struct CodecError: Error {}

/// Reads the primitive values ``ByteWriter`` writes, every read checked against the bytes left:
/// hostile or truncated bytes throw ``CodecError``, never trap.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var position: Int
    /// Reads stop here (the end of the buffer, or of a section being read).
    var end: Int

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        position = 0
        end = bytes.count
    }

    var remaining: Int { end - position }

    mutating func byte() throws(CodecError) -> UInt8 {
        guard position < end else { throw CodecError() }
        let value = bytes[position]
        position += 1
        return value
    }

    /// A varint of at most ten bytes whose value fits 64 bits.
    mutating func varint() throws(CodecError) -> UInt64 {
        if position < end {
            let byte = bytes[position]
            if byte < 0x80 {
                position += 1
                return UInt64(byte)
            }
        }
        return try longVarint()
    }

    private mutating func longVarint() throws(CodecError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw CodecError() }
            let byte = bytes[position]
            position += 1
            // The tenth byte holds the 64th bit only.
            if shift == 63, byte > 1 { throw CodecError() }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    mutating func signed() throws(CodecError) -> Int {
        Int(try signed64())
    }

    mutating func signed64() throws(CodecError) -> Int64 {
        let value = try varint()
        return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }

    /// A count of things each encoded in at least `minimumSize` bytes: never more than the bytes
    /// left could hold, so a hostile count cannot make the caller reserve memory it will not fill.
    mutating func count(minimumSize: Int = 1) throws(CodecError) -> Int {
        let value = try varint()
        // remaining < 2⁶², so `count * minimumSize` cannot overflow once `count <= remaining`.
        guard value <= UInt64(remaining), Int(value) * minimumSize <= remaining else { throw CodecError() }
        return Int(value)
    }

    /// A length-prefixed UTF-8 string; ill-formed UTF-8 is repaired (U+FFFD), never trusted.
    mutating func string() throws(CodecError) -> String {
        let length = try count(minimumSize: 1)
        guard length > 0, let base = bytes.baseAddress else { return "" }
        // Binding the bytes to UInt8, the type raw memory is read as anyway, to take the
        // stdlib's contiguous UTF-8 path.
        let utf8 = UnsafeBufferPointer(start: (base + position).assumingMemoryBound(to: UInt8.self), count: length)
        position += length
        return String(decoding: utf8, as: UTF8.self)
    }

    /// The next `count` bytes, skipped.
    mutating func skip(_ count: Int) throws(CodecError) {
        guard count >= 0, count <= remaining else { throw CodecError() }
        position += count
    }

    /// The next `count` bytes, to copy from.
    mutating func raw(_ count: Int) throws(CodecError) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else { throw CodecError() }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)])
        position += count
        return slice
    }

    mutating func uint32() throws(CodecError) -> UInt32 {
        guard remaining >= 4 else { throw CodecError() }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[position + index]) << (8 * index) }
        position += 4
        return value
    }
}
