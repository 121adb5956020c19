public import CustomsTiming

/// The clearance-time chart's input from the timing stage (`CustomsTiming`): per border crossing,
/// the time from registration (acceptance; lodgement when none is recorded) to release of each
/// declaration, and its release target.
///
/// A declaration released before its registration (`timing.order`) is left out of the chart; one
/// without either milestone counts as missing. Crossings whose declarations carry no target are
/// drawn against ``defaultTargetSeconds`` (the EAEU limit of 4 hours), stated in the chart.
public enum TimingClearance {
    public static let defaultTargetSeconds: Int64 = 4 * 3600

    public static func series(_ report: TimingReport) -> [ClearanceSeries] {
        var seconds: [String: [Int64]] = [:]
        var missing: [String: Int] = [:]
        var targets: [String: Int64] = [:]
        for timing in report.declarations {
            let crossing = timing.subject.borderCrossing ?? ClearanceSeries.unknownCrossing
            if let target = timing.target, targets[crossing] == nil { targets[crossing] = target.limitSeconds }
            let interval = timing.releaseSeconds
                ?? timing.intervals[.acceptanceToRelease] ?? timing.intervals[.lodgementToRelease]
            guard let interval else {
                missing[crossing, default: 0] += 1
                continue
            }
            if interval >= 0 { seconds[crossing, default: []].append(interval) }
        }
        let crossings = Set(seconds.keys).union(missing.keys).sorted { a, b in
            // Named crossings first, alphabetically; declarations without a crossing last.
            (a == ClearanceSeries.unknownCrossing ? 1 : 0, a) < (b == ClearanceSeries.unknownCrossing ? 1 : 0, b)
        }
        return crossings.map { crossing in
            ClearanceSeries(
                borderCrossing: crossing, interval: "acceptanceToRelease", seconds: seconds[crossing] ?? [],
                targetSeconds: targets[crossing] ?? defaultTargetSeconds, missing: missing[crossing] ?? 0)
        }
    }
}
