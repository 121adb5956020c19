import Foundation

/// `Decimal` in ``DeclarationCodec``'s encoding: its own bytes, so every value comes back in
/// exactly the representation it had (`1.50` held as mantissa 150, exponent −2 stays so; `==`
/// alone would not notice a change to 15 × 10⁻¹).
///
/// `Decimal` is a trivial 20-byte struct: exponent, flags (length, sign, compact), two reserved
/// bytes, then eight 16-bit mantissa words (see `SmallDecimal` in CustomsRules). A value whose
/// reserved bytes and upper four mantissa words are zero (every mantissa below 2⁶⁴) is written
/// short: a tag 0...8 giving how many mantissa bytes follow, the first two bytes verbatim, then
/// the low mantissa bytes, least significant first (`762.10` takes 5 bytes). Any other value is
/// tag 9 and its 20 bytes. Both forms copy bytes without interpreting them, so the round trip is
/// exact whatever Foundation's layout; only the check of hostile bytes reads the layout.
enum DecimalBytes {
    static let size = MemoryLayout<Decimal>.size
    private static let rawTag: UInt8 = 9

    /// True when `Decimal` has the 20-byte layout read above, checked once on values built with the
    /// public API: the mantissa length in the high nibble of byte 1, the sign in its bit 3.
    static let layoutKnown: Bool = {
        guard size == 20 else { return false }
        func flags(_ value: Decimal) -> UInt8 { withUnsafeBytes(of: value) { $0[1] } }
        return flags(Decimal(1)) >> 4 == 1 && flags(Decimal(65_536)) >> 4 == 2 && flags(Decimal(UInt64.max)) >> 4 == 4
            && flags(Decimal(-1)) & 0x08 != 0 && flags(Decimal(1)) & 0x08 == 0
    }()

    static func write(_ value: Decimal, to writer: inout ByteWriter) {
        guard size == 20 else {
            writer.byte(rawTag)
            withUnsafeBytes(of: value) { writer.bytes($0) }
            return
        }
        // Five 32-bit words: exponent, flags and the reserved bytes; mantissa words 0–3; 4–7.
        let words = unsafeBitCast(value, to: (UInt32, UInt32, UInt32, UInt32, UInt32).self)
        guard words.0 & 0xFFFF_0000 == 0, words.3 == 0, words.4 == 0 else {
            writer.byte(rawTag)
            withUnsafeBytes(of: value) { writer.bytes($0) }
            return
        }
        let mantissa = UInt64(words.1) | UInt64(words.2) << 32
        writer.compactDecimal(head: UInt16(truncatingIfNeeded: words.0), mantissa: mantissa)
    }

    static func read(from reader: inout ByteReader) throws(CodecError) -> Decimal {
        let tag = try reader.byte()
        if tag == rawTag {
            let source = try reader.raw(size)
            // A length beyond the eight mantissa words would send Decimal's arithmetic out of bounds.
            guard !layoutKnown || source[1] >> 4 <= 8 else { throw CodecError() }
            var value = Decimal()
            withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: source) }
            return value
        }
        guard tag <= 8, size == 20 else { throw CodecError() }
        let source = try reader.raw(2 + Int(tag))
        guard !layoutKnown || source[1] >> 4 <= 8 else { throw CodecError() }
        let head = UInt32(source[0]) | UInt32(source[1]) << 8
        var mantissa: UInt64 = 0
        for index in 0..<Int(tag) { mantissa |= UInt64(source[2 + index]) << (8 * UInt64(index)) }
        return unsafeBitCast(
            (head, UInt32(truncatingIfNeeded: mantissa), UInt32(truncatingIfNeeded: mantissa >> 32), UInt32(0), UInt32(0)),
            to: Decimal.self)
    }
}

extension ByteReader {
    mutating func decimal() throws(CodecError) -> Decimal {
        try DecimalBytes.read(from: &self)
    }
}
