/// Clearance times of one border crossing: the input of the clearance-time chart.
///
/// Deliberately plain — intervals in whole seconds and a target — so that the timing stage's
/// output can fill it directly.
public struct ClearanceSeries: Sendable, Hashable {
    /// A border crossing id (`dostyk-alashankou`), or ``ClearanceSeries/unknownCrossing``.
    public var borderCrossing: String
    /// The interval measured, by its `SPEC.md` name (`acceptanceToRelease`).
    public var interval: String
    /// The intervals, in whole seconds, ascending.
    public var seconds: [Int64]
    /// The target release time in seconds (the chart's target line).
    public var targetSeconds: Int64
    /// Declarations of the crossing that lack a milestone of the interval.
    public var missing: Int

    /// The group of declarations that name no border crossing.
    public static let unknownCrossing = "(no border crossing)"

    public init(borderCrossing: String, interval: String, seconds: [Int64], targetSeconds: Int64, missing: Int = 0) {
        self.borderCrossing = borderCrossing
        self.interval = interval
        self.seconds = seconds.sorted()
        self.targetSeconds = targetSeconds
        self.missing = missing
    }

    public var median: Int64? { percentile(0.5) }
    public var p90: Int64? { percentile(0.9) }

    /// How many intervals are within the target.
    public var withinTargetCount: Int { seconds.filter { $0 <= targetSeconds }.count }

    /// The fraction 0–1 of intervals within the target; `nil` without intervals.
    public var withinTarget: Double? {
        guard !seconds.isEmpty else { return nil }
        return Double(withinTargetCount) / Double(seconds.count)
    }

    /// The `p` percentile (0–1) by linear interpolation between closest ranks, rounded to whole seconds.
    public func percentile(_ p: Double) -> Int64? {
        guard let first = seconds.first else { return nil }
        guard seconds.count > 1 else { return first }
        let rank = p * Double(seconds.count - 1)
        let low = Int(rank.rounded(.down))
        let high = min(low + 1, seconds.count - 1)
        let value = Double(seconds[low]) + (rank - Double(low)) * Double(seconds[high] - seconds[low])
        return Int64(value.rounded(.toNearestOrAwayFromZero))
    }
}
