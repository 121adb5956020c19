@testable import CustomsCore
import CustomsTestSupport
import Foundation
import Testing

/// A `Decimal` written straight into its bytes is bit for bit the one Foundation makes.
@Suite struct ExactDecimalMantissaTests {
    private func bits(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    private func foundation(_ mantissa: UInt64, _ exponent: Int, _ negative: Bool) -> Decimal {
        Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa))
    }

    @Test func theBytesAreFoundationsOnThisPlatform() {
        #expect(ExactDecimal.bytesAreFoundations)
    }

    @Test func randomMantissasAndExponentsMatchFoundation() {
        var rng = SeededNumbers(seed: 20261130)
        for _ in 0..<200_000 {
            // Every magnitude, many with trailing zeros, and the exponents of CSV numbers and beyond.
            var mantissa = UInt64.random(in: 0...UInt64.max, using: &rng) >> UInt64.random(in: 0..<64, using: &rng)
            if Bool.random(using: &rng) { mantissa = mantissa / 1000 * 1000 }
            let exponent = Int.random(in: -40...40, using: &rng)
            let negative = Bool.random(using: &rng)
            let made = ExactDecimal.decimal(mantissa: mantissa, exponent: exponent, negative: negative)
            #expect(bits(made) == bits(foundation(mantissa, exponent, negative)), "\(mantissa) e\(exponent) \(negative)")
        }
    }

    @Test(arguments: [(UInt64(0), 0, true), (0, -5, false), (1, 127, false), (10, 126, true), (1, -128, false), (5, -130, false), (UInt64.max, -19, true)])
    func edgesMatchFoundation(mantissa: UInt64, exponent: Int, negative: Bool) {
        #expect(bits(ExactDecimal.decimal(mantissa: mantissa, exponent: exponent, negative: negative)) == bits(foundation(mantissa, exponent, negative)))
    }
}
