/// Writes the primitive values of ``DeclarationCodec``'s encoding into a buffer: single bytes,
/// LEB128 varints (zigzag for signed integers) and length-prefixed UTF-8 strings.
///
/// Starts in a scratch buffer the caller provides (on the stack) and moves to the heap only when a
/// declaration outgrows it; ``append(to:)`` copies the result out in one go. Each write checks the
/// room left once, then stores through the pointer.
struct ByteWriter: ~Copyable {
    private var base: UnsafeMutableRawPointer
    private var capacity: Int
    /// The bytes written so far.
    private(set) var count = 0
    private var ownsBase = false

    init(scratch: UnsafeMutableRawBufferPointer) {
        if let address = scratch.baseAddress, scratch.count > 0 {
            base = address
            capacity = scratch.count
        } else {
            capacity = 256
            base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
            ownsBase = true
        }
    }

    deinit {
        if ownsBase { base.deallocate() }
    }

    /// Makes room for `byteCount` more bytes.
    @inline(__always)
    private mutating func reserve(_ byteCount: Int) {
        if byteCount > capacity - count { grow(byteCount) }
    }

    @inline(never)
    private mutating func grow(_ byteCount: Int) {
        let newCapacity = max(capacity * 2, count + byteCount)
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        newBase.copyMemory(from: base, byteCount: count)
        if ownsBase { base.deallocate() }
        base = newBase
        capacity = newCapacity
        ownsBase = true
    }

    /// Appends everything written to `bytes`.
    func append(to bytes: inout [UInt8]) {
        bytes.append(contentsOf: UnsafeRawBufferPointer(start: base, count: count))
    }

    mutating func byte(_ value: UInt8) {
        reserve(1)
        base.storeBytes(of: value, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    /// `values` as they are.
    mutating func bytes(_ values: UnsafeRawBufferPointer) {
        guard let source = values.baseAddress, values.count > 0 else { return }
        reserve(values.count)
        (base + count).copyMemory(from: source, byteCount: values.count)
        count += values.count
    }

    /// Seven bits a byte, least significant first; the high bit says another byte follows.
    mutating func varint(_ value: UInt64) {
        reserve(10)
        storeVarint(value)
    }

    /// ``varint(_:)`` into room already reserved.
    @inline(__always)
    private mutating func storeVarint(_ value: UInt64) {
        var value = value
        var position = count
        while value >= 0x80 {
            base.storeBytes(of: UInt8(truncatingIfNeeded: value) | 0x80, toByteOffset: position, as: UInt8.self)
            position += 1
            value >>= 7
        }
        base.storeBytes(of: UInt8(truncatingIfNeeded: value), toByteOffset: position, as: UInt8.self)
        count = position + 1
    }

    mutating func count(_ value: Int) {
        varint(UInt64(value))
    }

    /// Zigzag: 0, -1, 1, -2, ... become 0, 1, 2, 3, ..., so small magnitudes of either sign take one byte.
    mutating func signed(_ value: Int) {
        signed(Int64(value))
    }

    mutating func signed(_ value: Int64) {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// The UTF-8 byte count as a varint, then the bytes.
    mutating func string(_ value: String) {
        let length = value.utf8.count
        reserve(10 + length)
        storeVarint(UInt64(length))
        let destination = base + count
        let copied: Void? = value.utf8.withContiguousStorageIfAvailable { utf8 in
            if let source = utf8.baseAddress { destination.copyMemory(from: source, byteCount: length) }
        }
        if copied == nil { ByteWriter.copyNonContiguous(value, to: destination) }
        count += length
    }

    /// A string not stored as contiguous UTF-8 (bridged from Objective-C): copied byte by byte.
    @inline(never)
    private static func copyNonContiguous(_ value: String, to destination: UnsafeMutableRawPointer) {
        var offset = 0
        for byte in value.utf8 {
            destination.storeBytes(of: byte, toByteOffset: offset, as: UInt8.self)
            offset += 1
        }
    }

    /// Four placeholder bytes for a length written later by ``patchUInt32(at:_:)``; their position.
    mutating func placeholderUInt32() -> Int {
        reserve(4)
        base.storeBytes(of: 0, toByteOffset: count, as: UInt32.self)
        count += 4
        return count - 4
    }

    /// Writes `value` little-endian over the four bytes at `position`.
    mutating func patchUInt32(at position: Int, _ value: UInt32) {
        precondition(position >= 0 && position <= count - 4)
        base.storeBytes(of: value.littleEndian, toByteOffset: position, as: UInt32.self)
    }
}

extension ByteWriter {
    /// The short form of a `Decimal` (see ``DecimalBytes``): a tag giving the mantissa's byte
    /// count, `head` (exponent and flags) and those mantissa bytes, least significant first.
    mutating func compactDecimal(head: UInt16, mantissa: UInt64) {
        let length = (UInt64.bitWidth - mantissa.leadingZeroBitCount + 7) / 8
        reserve(11)
        base.storeBytes(of: UInt8(length), toByteOffset: count, as: UInt8.self)
        base.storeBytes(of: head.littleEndian, toByteOffset: count + 1, as: UInt16.self)
        // All eight bytes are stored, only `length` of them kept.
        base.storeBytes(of: mantissa.littleEndian, toByteOffset: count + 3, as: UInt64.self)
        count += 3 + length
    }
}
