/// The statistics of one group (border crossing × transport mode × risk channel).
///
/// - ``intervals``: per interval, over the declarations of the group that have it; an interval
///   out of order (`timing.order`: a release before its lodgement) is left out. An interval no
///   declaration of the group has is absent.
/// - ``withinTarget``: of the declarations that have a release target, a registration (or
///   lodgement) and a release in order, the fraction released within the target, rounded to
///   four decimals half up; `nil` when there is none.
/// - ``missing``: how many declarations of the group lack each measured milestone (lodgement
///   counts as present when `lodgedAt` is known).
public struct GroupStatistics: Sendable, Hashable {
    public var key: TimingGroupKey
    public var count: Int
    public var intervals: [TimingInterval: IntervalStatistics]
    public var withinTarget: Fraction?
    public var missing: [Milestone: Int]

    public init(key: TimingGroupKey, declarations: [DeclarationTiming]) {
        self.key = key
        count = declarations.count
        var intervals: [TimingInterval: IntervalStatistics] = [:]
        for interval in TimingInterval.allCases {
            let values = declarations.compactMap { timing in
                timing.isOutOfOrder(interval) ? nil : timing.intervals[interval]
            }
            intervals[interval] = IntervalStatistics(values)
        }
        self.intervals = intervals
        let judged = declarations.compactMap(\.withinTarget)
        withinTarget = judged.isEmpty ? nil : Fraction(part: judged.filter { $0 }.count, of: judged.count)
        var missing: [Milestone: Int] = [:]
        for milestone in Milestone.measured {
            missing[milestone] = declarations.filter { $0.milestones[milestone] == nil }.count
        }
        self.missing = missing
    }

    /// One group per key present, in ``TimingGroupKey`` order.
    public static func groups(_ declarations: [DeclarationTiming]) -> [GroupStatistics] {
        Dictionary(grouping: declarations, by: \.group)
            .sorted { $0.key < $1.key }
            .map { GroupStatistics(key: $0.key, declarations: $0.value) }
    }
}

/// A share `part / whole`, reported to four decimals (half up): `0.9523`, `1`, `0`.
public struct Fraction: Sendable, Hashable, CustomStringConvertible {
    public var part: Int
    public var whole: Int

    public init(part: Int, of whole: Int) {
        self.part = part
        self.whole = whole
    }

    /// Ten-thousandths, rounded half up.
    public var tenThousandths: Int { (part * 20_000 + whole) / (2 * whole) }

    public var description: String {
        let value = tenThousandths
        if value % 10_000 == 0 { return String(value / 10_000) }
        var digits = String(value % 10_000)
        digits = String(repeating: "0", count: 4 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return String(value / 10_000) + "." + digits
    }
}
