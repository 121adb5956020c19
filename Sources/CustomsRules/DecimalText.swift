public import Foundation
import CustomsCore

/// Exact decimal arithmetic helpers for the consistency rules: relative differences as
/// `SPEC.md` defines them, rounding, and the text of decimals and percentages in messages.
public enum DecimalText {
    /// `|a − b| / max(|a|, |b|)`; 0 when both are 0 (`SPEC.md`, "Tolerances").
    public static func relativeDifference(_ a: Decimal, _ b: Decimal) -> Decimal {
        let larger = max(abs(a), abs(b))
        guard larger != 0 else { return 0 }
        return abs(a - b) / larger
    }

    /// The canonical text of a decimal (`1007.12`, `80`).
    public static func text(_ value: Decimal) -> String { ExactDecimal.format(value) }

    /// A fraction as a percentage with at most 4 decimals: 0.005 → `0.5%`.
    public static func percent(_ fraction: Decimal) -> String {
        text(rounded(fraction * 100, scale: 4)) + "%"
    }

    public static func rounded(_ value: Decimal, scale: Int) -> Decimal {
        var value = value
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }

    /// The number of decimals a value was written with (trailing zeros are not kept by the
    /// exact reader, so `12.50` counts as 1).
    public static func decimals(_ value: Decimal) -> Int {
        max(0, -Int(value.exponent))
    }

    /// Half a unit in the last place of `decimals` decimals: 2 → 0.005.
    public static func halfUnit(decimals: Int) -> Decimal {
        Decimal(sign: .plus, exponent: -decimals - 1, significand: 5)
    }
}
