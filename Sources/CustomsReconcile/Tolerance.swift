public import Foundation

/// The relative difference of `SPEC.md`: `|a − b| / max(|a|, |b|)`, 0 when both are 0.
public enum RelativeDifference {
    public static func of(_ a: Decimal, _ b: Decimal) -> Decimal {
        let larger = max(abs(a), abs(b))
        guard larger != 0 else { return 0 }
        return abs(a - b) / larger
    }

    /// A percentage for messages: `8.1%` (one decimal, half up).
    public static func percent(_ fraction: Decimal) -> String {
        var value = fraction * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 1, .plain)
        return "\(rounded)%"
    }
}
