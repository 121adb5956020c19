public import CustomsCore
import CustomsReconcile

/// Clearance times computed from the declarations' own events, per border crossing.
///
/// TEMPORARY: a stand-in for the timing stage (`CustomsTiming`). When it lands, fill
/// ``ReportInput/clearance`` from its per-group `acceptanceToRelease` intervals and delete this
/// file; ``ClearanceSeries`` and the renderers stay as they are.
///
/// The interval is acceptance (registration) to release, from lodgement when no acceptance is
/// recorded (DOMAIN.md, "Clearance timing"); the target is the EAEU release limit of 4 hours.
/// Copies of one declaration count once; a negative interval (release before acceptance) is left
/// out, as the timing stage reports it as `timing.order`.
public enum EventClearance {
    /// The EAEU release limit: 4 hours after registration.
    public static let targetSeconds: Int64 = 4 * 3600

    public static func series(_ declarations: [Declaration], targetSeconds: Int64 = targetSeconds) -> [ClearanceSeries] {
        var seconds: [String: [Int64]] = [:]
        var missing: [String: Int] = [:]
        for declaration in Reconciler.latestVersions(declarations) {
            let crossing = declaration.borderCrossing ?? ClearanceSeries.unknownCrossing
            let start = first("acceptance", in: declaration) ?? first("lodgement", in: declaration)
            guard let start, let release = first("release", in: declaration) else {
                if !declaration.events.isEmpty || declaration.borderCrossing != nil { missing[crossing, default: 0] += 1 }
                continue
            }
            let interval = release.epochSeconds - start.epochSeconds
            if interval >= 0 { seconds[crossing, default: []].append(interval) }
        }
        let crossings = Set(seconds.keys).union(missing.keys).sorted { a, b in
            // Named crossings first, alphabetically; declarations without a crossing last.
            (a == ClearanceSeries.unknownCrossing ? 1 : 0, a) < (b == ClearanceSeries.unknownCrossing ? 1 : 0, b)
        }
        return crossings.map { crossing in
            ClearanceSeries(
                borderCrossing: crossing, interval: "acceptanceToRelease", seconds: seconds[crossing] ?? [],
                targetSeconds: targetSeconds, missing: missing[crossing] ?? 0)
        }
    }

    private static func first(_ milestone: String, in declaration: Declaration) -> Timestamp? {
        declaration.events.filter { $0.milestone == milestone }.map(\.at).min()
    }
}
