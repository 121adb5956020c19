public import CustomsCore

/// The time of each milestone of one declaration.
///
/// Rules:
/// - When a milestone occurs more than once (a re-lodged declaration, two release messages),
///   the **earliest** event counts: the Time Release Study measures how long until the thing
///   first happened. Ties keep the first event given.
/// - The declaration's `lodgedAt` counts as the lodgement when no `lodgement` event exists.
/// - Events whose milestone is not one of ``Milestone`` are ignored.
public struct MilestoneTimes: Sendable, Hashable {
    public private(set) var times: [Milestone: Timestamp] = [:]

    public init(events: [Event], lodgedAt: Timestamp? = nil) {
        for event in events {
            guard let milestone = Milestone(rawValue: event.milestone) else { continue }
            if let known = times[milestone], !(event.at < known) { continue }
            times[milestone] = event.at
        }
        if times[.lodgement] == nil, let lodgedAt { times[.lodgement] = lodgedAt }
    }

    public subscript(_ milestone: Milestone) -> Timestamp? { times[milestone] }

    /// Seconds from one milestone to the other, whole seconds (milliseconds are dropped from both
    /// ends before subtracting); `nil` when either is missing. Negative when `to` came first.
    public func seconds(_ interval: TimingInterval) -> Int64? {
        guard let from = times[interval.from], let to = times[interval.to] else { return nil }
        return to.epochSeconds - from.epochSeconds
    }
}
