public import CustomsCore
public import CustomsReconcile
public import Foundation

/// How values read in every format: exact decimals, percentages, durations.
public enum ReportText {
    /// An exact decimal (`18240.5`) or a code as declared.
    public static func value(_ value: MirrorDifference.Value) -> String {
        switch value {
        case let .number(number): ExactDecimal.format(number)
        case let .text(text): text
        }
    }

    /// A fraction as a percentage, at most one decimal (`8%`, `1.9%`).
    public static func percent(_ fraction: Decimal) -> String { RelativeDifference.percent(fraction) }

    /// A tolerance for people: `2%`, or `exact` for zero.
    public static func tolerance(_ fraction: Decimal) -> String { fraction == 0 ? "exact" : percent(fraction) }

    /// A fraction for JSON and CSV: exact, at most 6 decimals (`0.079506`).
    public static func fraction(_ fraction: Decimal) -> String {
        var value = fraction
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 6, .plain)
        return ExactDecimal.format(rounded)
    }

    /// Seconds as hours and minutes (`2 h 31 min`, `45 min`, `30 s`).
    public static func duration(_ seconds: Int64) -> String {
        if seconds < 60 { return "\(seconds) s" }
        let minutes = (seconds + 30) / 60
        let hours = minutes / 60
        if hours == 0 { return "\(minutes) min" }
        return minutes % 60 == 0 ? "\(hours) h" : "\(hours) h \(minutes % 60) min"
    }

    /// A fraction 0–1 as a whole percentage (`50%`).
    public static func share(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded()))%" }

    /// `file:line` or `file:row N` of a finding.
    public static func location(_ finding: Finding) -> String {
        guard let file = finding.file else { return "" }
        if let line = finding.line { return "\(file):\(line)" }
        if let row = finding.row { return "\(file):row \(row)" }
        return file
    }
}
