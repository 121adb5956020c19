/// A number of seconds kept exactly to the hundredth, for statistics (means, interpolated
/// percentiles): `hundredths` = seconds × 100. Printed as a decimal with trailing zeros dropped
/// (`9060`, `9060.5`, `9060.25`).
public struct ExactSeconds: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var hundredths: Int64

    public init(hundredths: Int64) {
        self.hundredths = hundredths
    }

    public init(seconds: Int64) {
        hundredths = seconds * 100
    }

    /// `numerator / denominator` seconds rounded to the hundredth, half away from zero.
    public init(numerator: Int64, denominator: Int64) {
        precondition(denominator > 0)
        let magnitude = (abs(numerator) * 200 + denominator) / (2 * denominator)
        hundredths = numerator < 0 ? -magnitude : magnitude
    }

    /// The nearest whole second, half away from zero.
    public var roundedSeconds: Int64 {
        let magnitude = (abs(hundredths) + 50) / 100
        return hundredths < 0 ? -magnitude : magnitude
    }

    public var description: String {
        let sign = hundredths < 0 ? "-" : ""
        let whole = abs(hundredths) / 100
        let fraction = abs(hundredths) % 100
        if fraction == 0 { return sign + String(whole) }
        if fraction % 10 == 0 { return sign + String(whole) + "." + String(fraction / 10) }
        return sign + String(whole) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    public static func < (lhs: ExactSeconds, rhs: ExactSeconds) -> Bool { lhs.hundredths < rhs.hundredths }
}
