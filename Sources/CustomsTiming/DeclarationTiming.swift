public import CustomsCore

/// The clearance timing of one declaration (or of one event log's declaration id).
public struct DeclarationTiming: Sendable, Hashable {
    public var subject: TimingSubject
    public var milestones: MilestoneTimes
    /// Calendar intervals in whole seconds; an interval whose milestones are missing is absent.
    public var intervals: [TimingInterval: Int64]
    /// The same intervals counting only working time (``WorkingTime``); absent also when the
    /// calendar they need is not loaded (`calendar.missing`).
    public var workingIntervals: [TimingInterval: Int64]
    /// The release target of the declaring authority, when it has one.
    public var target: ReleaseTarget?
    /// Seconds from the target's start milestone to release; `nil` without a target or either milestone.
    public var releaseSeconds: Int64?

    public init(
        subject: TimingSubject, milestones: MilestoneTimes, intervals: [TimingInterval: Int64],
        workingIntervals: [TimingInterval: Int64], target: ReleaseTarget?, releaseSeconds: Int64?
    ) {
        self.subject = subject
        self.milestones = milestones
        self.intervals = intervals
        self.workingIntervals = workingIntervals
        self.target = target
        self.releaseSeconds = releaseSeconds
    }

    public var group: TimingGroupKey {
        TimingGroupKey(
            borderCrossing: subject.borderCrossing, transportMode: subject.transportMode, riskChannel: subject.riskChannel)
    }

    /// True when released within the target, false when later; `nil` when there is no target,
    /// a milestone is missing, or release came before registration (a `timing.order` fault).
    public var withinTarget: Bool? {
        guard let target, let releaseSeconds, releaseSeconds >= 0 else { return nil }
        return releaseSeconds <= target.limitSeconds
    }

    /// True when the interval's milestones run backwards where they must not (`timing.order`).
    public func isOutOfOrder(_ interval: TimingInterval) -> Bool {
        interval.mustNotBeNegative && (intervals[interval] ?? 0) < 0
    }
}

/// The statistics group of a declaration: border crossing × transport mode × risk channel,
/// each possibly unknown.
public struct TimingGroupKey: Sendable, Hashable, Comparable {
    public var borderCrossing: String?
    public var transportMode: TransportMode?
    public var riskChannel: RiskChannel?

    public init(borderCrossing: String?, transportMode: TransportMode?, riskChannel: RiskChannel?) {
        self.borderCrossing = borderCrossing
        self.transportMode = transportMode
        self.riskChannel = riskChannel
    }

    /// Known values first, in name order; unknown ones last.
    public static func < (lhs: TimingGroupKey, rhs: TimingGroupKey) -> Bool {
        func order(_ value: String?) -> (Int, String) { value.map { (0, $0) } ?? (1, "") }
        let left = [order(lhs.borderCrossing), order(lhs.transportMode?.rawValue), order(lhs.riskChannel?.rawValue)]
        let right = [order(rhs.borderCrossing), order(rhs.transportMode?.rawValue), order(rhs.riskChannel?.rawValue)]
        for (a, b) in zip(left, right) where a != b { return a < b }
        return false
    }
}
