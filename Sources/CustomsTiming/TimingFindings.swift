import CustomsCore

/// The findings of the timing stage about one declaration, located at the declaration (its file
/// and line or row, its key, the field `events`).
struct TimingFindings {
    let subject: TimingSubject
    private(set) var findings: [Finding] = []

    init(subject: TimingSubject) {
        self.subject = subject
    }

    mutating func add(_ rule: String, _ message: String, field: String? = "events") {
        findings.append(Finding(
            rule: rule, message: message, file: subject.source?.file, line: subject.source?.line,
            row: subject.source?.row, field: field, declaration: subject.key))
    }

    /// The pairs of milestones that must not run backwards, checked in this order; for each later
    /// milestone only the first pair found backwards is reported, so one late entry is one finding.
    static let orderRules: [(Milestone, Milestone)] = [
        (.lodgement, .acceptance), (.acceptance, .release), (.lodgement, .release),
        (.inspectionStart, .inspectionEnd), (.acceptance, .inspectionStart), (.inspectionEnd, .release),
        (.release, .exit),
    ]

    /// `timing.order`: a milestone before one it must follow, both times in the message.
    mutating func checkOrder(_ times: MilestoneTimes) {
        var reported = Set<Milestone>()
        for (earlier, later) in Self.orderRules where !reported.contains(later) {
            guard let first = times[earlier], let second = times[later], second < first else { continue }
            reported.insert(later)
            let gap = first.epochSeconds - second.epochSeconds
            add("timing.order", "\(later.rawValue) at \(second.rfc3339) is before \(earlier.rawValue) at \(first.rfc3339) "
                + "(\(DurationText.of(gap)) earlier); \(later.rawValue) must not come before \(earlier.rawValue)")
        }
    }

    /// `timing.release-limit`: released later than the authority's target after registration.
    mutating func checkTarget(_ timing: DeclarationTiming) {
        guard let target = timing.target, let seconds = timing.releaseSeconds, seconds > target.limitSeconds,
              let (start, _) = target.start(in: timing.milestones), let release = timing.milestones[.release],
              let from = timing.milestones[start]
        else { return }
        let basis = start == target.from ? start.rawValue : "\(start.rawValue) (no \(target.from.rawValue) recorded)"
        add("timing.release-limit", "released \(DurationText.of(seconds)) (\(DurationText.seconds(seconds))) after \(basis): "
            + "\(from.rfc3339) → \(release.rfc3339); the target for declarations lodged in \(target.country) is "
            + "\(DurationText.of(target.limitSeconds)) (\(DurationText.seconds(target.limitSeconds))): \(target.source)")
    }

    /// `timing.zone-assumed`, once per declaration whose event times had no offset.
    mutating func noteAssumedZones(zoneName: String?) {
        let assumed = subject.events.filter(\.zoneAssumed)
        guard !assumed.isEmpty else { return }
        let names = assumed.map(\.milestone).joined(separator: ", ")
        let zone = zoneName.map { " (\($0))" } ?? ""
        add("timing.zone-assumed", "\(assumed.count) event time\(assumed.count == 1 ? "" : "s") (\(names)) had no UTC offset "
            + "and \(assumed.count == 1 ? "was" : "were") read in the declaring authority's official zone\(zone)")
    }

    /// `calendar.missing`, once per country and year that working time needed.
    mutating func calendarMissing(_ gaps: [CalendarGap], loaded: [String: WorkingCalendar], intervals: [TimingInterval]) {
        let names = intervals.map(\.rawValue).joined(separator: ", ")
        for gap in gaps {
            let have = loaded[gap.country].map { "loaded: \($0.years.lowerBound)–\($0.years.upperBound)" } ?? "none is loaded"
            add("calendar.missing", "working time needs the \(gap.country) working-day calendar for \(gap.year) "
                + "(\(have)); working intervals not reported: \(names)", field: "workingIntervals")
        }
    }
}
