public import CustomsCore

extension TimingReport {
    /// `customs timing --format json` (`SPEC.md`, "Timing output"): `declarations`, `groups`,
    /// `findings`. Intervals in whole seconds; absent, not zero, when a milestone is missing.
    /// Means and percentiles are exact decimals of seconds (``IntervalStatistics``);
    /// `withinTarget` is a fraction to four decimals, absent when no declaration of the group
    /// has a target.
    public func json(findings extra: [Finding]? = nil) -> JSONValue {
        .object([
            ("declarations", .array(declarations.map(\.json))),
            ("groups", .array(groups.map(\.json))),
            ("findings", .array((extra ?? findings).map(\.json))),
        ])
    }
}

extension DeclarationTiming {
    public var json: JSONValue {
        var object = JSONObjectBuilder()
        object.add("id", subject.id)
        object.add("key", subject.key)
        object.add("borderCrossing", subject.borderCrossing)
        object.add("transportMode", subject.transportMode?.rawValue)
        object.add("riskChannel", subject.riskChannel?.rawValue)
        object.add("intervals", Self.json(intervals))
        object.add("workingIntervals", Self.json(workingIntervals))
        return object.value
    }

    static func json(_ intervals: [TimingInterval: Int64]) -> JSONValue {
        .object(TimingInterval.allCases.compactMap { interval in
            intervals[interval].map { (interval.rawValue, JSONValue.number(String($0))) }
        })
    }
}

extension GroupStatistics {
    public var json: JSONValue {
        var object = JSONObjectBuilder()
        object.add("borderCrossing", key.borderCrossing)
        object.add("transportMode", key.transportMode?.rawValue)
        object.add("riskChannel", key.riskChannel?.rawValue)
        object.add("count", count)
        object.add("intervals", JSONValue.object(TimingInterval.allCases.compactMap { interval in
            intervals[interval].map { (interval.rawValue, $0.json) }
        }))
        object.add("withinTarget", withinTarget.map { JSONValue.number($0.description) })
        object.add("missing", JSONValue.object(Milestone.measured.map { ($0.rawValue, JSONValue.number(String(missing[$0] ?? 0))) }))
        return object.value
    }
}

extension IntervalStatistics {
    public var json: JSONValue {
        .object([
            ("count", .number(String(count))),
            ("mean", .number(mean.description)),
            ("median", .number(median.description)),
            ("p90", .number(p90.description)),
            ("p95", .number(p95.description)),
            ("max", .number(String(max))),
        ])
    }
}
