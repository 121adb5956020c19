public import Foundation

extension ExactDecimal {
    /// `±mantissa × 10^exponent` exactly as `Decimal(sign:exponent:significand: Decimal(mantissa))`
    /// makes it — the mantissa's trailing zeros moved into the exponent — written straight into the
    /// `Decimal`'s bytes (about a tenth of the work, for the numbers of every CSV row) when
    /// Foundation's layout is the one checked once against Foundation itself
    /// (``bytesAreFoundations``); otherwise, and for a zero mantissa, made by Foundation.
    public static func decimal(mantissa: UInt64, exponent: Int, negative: Bool) -> Decimal {
        guard bytesAreFoundations, mantissa != 0, let bytes = bytes(mantissa: mantissa, exponent: exponent, negative: negative) else {
            return foundationDecimal(mantissa: mantissa, exponent: exponent, negative: negative)
        }
        return bytes
    }

    private static func foundationDecimal(mantissa: UInt64, exponent: Int, negative: Bool) -> Decimal {
        Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa))
    }

    /// The 20-byte `Decimal` (exponent byte; flags byte: mantissa length in 16-bit words in the
    /// high nibble, sign in bit 3, compact in bit 2; two reserved bytes; eight mantissa words) of a
    /// non-zero mantissa; `nil` when the exponent does not fit that byte.
    private static func bytes(mantissa: UInt64, exponent: Int, negative: Bool) -> Decimal? {
        var mantissa = mantissa
        var exponent = exponent
        while mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        guard exponent >= -128, exponent <= 127 else { return nil }
        let length = UInt32((UInt64.bitWidth - mantissa.leadingZeroBitCount + 15) / 16)
        let flags = length << 4 | 0x04 | (negative ? 0x08 : 0)
        let head = UInt32(UInt8(bitPattern: Int8(exponent))) | flags << 8
        return unsafeBitCast(
            (head, UInt32(truncatingIfNeeded: mantissa), UInt32(truncatingIfNeeded: mantissa >> 32), UInt32(0), UInt32(0)),
            to: Decimal.self)
    }

    /// True when the bytes written above are those Foundation makes, checked once on values of
    /// every length, sign and shift of trailing zeros.
    static let bytesAreFoundations: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let mantissas: [UInt64] = [1, 7, 10, 1500, 65_535, 65_536, 14_850_304, 1 << 32, 123_456_789_012, 1 << 48, 99_999_999_999_999_999, UInt64.max]
        for mantissa in mantissas {
            for exponent in [-20, -3, -1, 0, 2, 19] {
                for negative in [false, true] {
                    guard let made = bytes(mantissa: mantissa, exponent: exponent, negative: negative) else { return false }
                    let foundation = foundationDecimal(mantissa: mantissa, exponent: exponent, negative: negative)
                    let same = withUnsafeBytes(of: made) { a in withUnsafeBytes(of: foundation) { b in a.elementsEqual(b) } }
                    if !same { return false }
                }
            }
        }
        return true
    }()
}
