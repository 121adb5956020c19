import Foundation

/// A decimal `mantissa × 10^exponent` held in a 128-bit integer, for the rules' arithmetic on
/// the common values (masses, amounts, prices of up to 18 digits) without Foundation's `Decimal`
/// operations, which allocate nothing but cost a hundred times more.
///
/// Exact or nothing: a value whose mantissa does not fit 64 bits, or whose exponent is outside
/// ±18, is `nil`, and every operation that would overflow is `nil` — the caller then takes the
/// `Decimal` path. When an operation here succeeds, `Decimal` (a 128-bit unsigned mantissa) would
/// have computed the same exact value.
struct SmallDecimal {
    var mantissa: Int128
    var exponent: Int

    init(mantissa: Int128, exponent: Int) {
        self.mantissa = mantissa
        self.exponent = exponent
    }

    /// The value of a `Decimal` whose mantissa fits 64 bits and exponent ±18; `nil` otherwise,
    /// and always `nil` when the `Decimal` layout check failed (see ``layoutReadable``).
    @inline(__always)
    init?(_ value: Decimal) {
        guard SmallDecimal.layoutReadable, let raw = SmallDecimal.raw(value) else { return nil }
        self = raw
    }

    /// Foundation does not expose `Decimal`'s fields on Linux, so they are read from its 20
    /// bytes: the exponent (`Int8`), then length (high nibble), sign (bit 3) and compact flag,
    /// two reserved bytes, eight 16-bit words of mantissa, least significant first.
    @inline(__always)
    private static func raw(_ value: Decimal) -> SmallDecimal? {
        guard MemoryLayout<Decimal>.size == 20 else { return nil }
        return withUnsafeBytes(of: value) { bytes -> SmallDecimal? in
            let flags = bytes[1]
            let length = Int(flags >> 4)
            // Length 0 with the sign bit set is NaN.
            guard length <= 4, !(length == 0 && flags & 0x08 != 0) else { return nil }
            var magnitude: UInt64 = 0
            for word in 0..<length {
                let low = UInt64(bytes[4 + 2 * word])
                let high = UInt64(bytes[5 + 2 * word])
                magnitude |= (low | high << 8) << (16 * UInt64(word))
            }
            let exponent = Int(Int8(bitPattern: bytes[0]))
            guard exponent >= -18, exponent <= 18 else { return nil }
            return SmallDecimal(mantissa: flags & 0x08 != 0 ? -Int128(magnitude) : Int128(magnitude), exponent: exponent)
        }
    }

    /// True when reading the bytes gives back exactly the values `Decimal`'s public API builds,
    /// for a set of probes (signs, one to four mantissa words, zero, both exponent signs);
    /// checked once. Should a Foundation change the layout, every value goes the `Decimal` way.
    static let layoutReadable: Bool = {
        let probes: [(FloatingPointSign, Int, UInt64)] = [
            (.plus, 0, 0), (.plus, -1, 125), (.minus, -3, 123_456_789_012), (.plus, 0, UInt64.max),
            (.minus, 5, 65_535), (.plus, -18, 4_294_967_296), (.minus, 2, 281_474_976_710_656),
        ]
        for (sign, exponent, mantissa) in probes {
            let value = Decimal(sign: sign, exponent: exponent, significand: Decimal(mantissa))
            guard let read = raw(value) else { return false }
            let expected: Int128 = sign == .minus ? -Int128(mantissa) : Int128(mantissa)
            // Foundation may normalize (strip trailing zeros); compare values, not forms.
            let back = Decimal(sign: read.mantissa < 0 ? .minus : .plus, exponent: read.exponent,
                               significand: Decimal(UInt64(read.mantissa.magnitude)))
            guard back == value, mantissa == 0 || (read.mantissa < 0) == (expected < 0) else { return false }
        }
        return true
    }()

    private static let powers: [Int128] = (0...38).map { n in (0..<n).reduce(Int128(1)) { r, _ in r * 10 } }

    /// The mantissa scaled to `exponent` (≤ its own); `nil` on overflow.
    @inline(__always)
    func scaled(to exponent: Int) -> Int128? {
        let shift = self.exponent - exponent
        // Already at that exponent (values filed with the same decimals): nothing to multiply.
        if shift == 0 { return mantissa }
        guard shift > 0, shift <= 38 else { return nil }
        let (result, overflow) = mantissa.multipliedReportingOverflow(by: SmallDecimal.powers[shift])
        return overflow ? nil : result
    }

    @inline(__always)
    static func * (a: SmallDecimal, b: SmallDecimal) -> SmallDecimal? {
        let (product, overflow) = a.mantissa.multipliedReportingOverflow(by: b.mantissa)
        return overflow ? nil : SmallDecimal(mantissa: product, exponent: a.exponent + b.exponent)
    }

    @inline(__always)
    static func + (a: SmallDecimal, b: SmallDecimal) -> SmallDecimal? {
        let exponent = min(a.exponent, b.exponent)
        guard let x = a.scaled(to: exponent), let y = b.scaled(to: exponent) else { return nil }
        let (sum, overflow) = x.addingReportingOverflow(y)
        return overflow ? nil : SmallDecimal(mantissa: sum, exponent: exponent)
    }

    @inline(__always)
    static func - (a: SmallDecimal, b: SmallDecimal) -> SmallDecimal? {
        b.negated.flatMap { a + $0 }
    }

    @inline(__always)
    var negated: SmallDecimal? {
        mantissa == Int128.min ? nil : SmallDecimal(mantissa: -mantissa, exponent: exponent)
    }

    @inline(__always)
    var magnitude: SmallDecimal? { mantissa < 0 ? negated : self }

    /// `a` compared with `b`: -1, 0 or 1; `nil` on overflow.
    @inline(__always)
    static func compare(_ a: SmallDecimal, _ b: SmallDecimal) -> Int? {
        let exponent = min(a.exponent, b.exponent)
        guard let x = a.scaled(to: exponent), let y = b.scaled(to: exponent) else { return nil }
        return x < y ? -1 : x == y ? 0 : 1
    }
}
