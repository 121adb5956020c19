public import CustomsCore
import Dispatch
import Foundation

/// The clearance-timing stage: subjects (declarations with their events, and event logs whose
/// declaration is in no file) → per-declaration intervals, group statistics and timing findings.
///
/// Pure and deterministic: the same subjects give the same report, in the same order.
public struct TimingStage: Sendable {
    public var data: TimingData

    public init(data: TimingData) {
        self.data = data
    }

    /// Times declarations, with `looseEvents` (events keyed by declaration id, read from files
    /// other than the declaration's) attached by id; ids that match no declaration are timed alone.
    public func run(declarations: [Declaration], looseEvents: [String: [Event]] = [:]) -> TimingReport {
        run(TimingSubject.subjects(declarations: declarations, looseEvents: looseEvents))
    }

    /// The timing findings of `declarations` alone, as ``run(declarations:looseEvents:)`` gives
    /// them, without keeping each declaration's intervals (what `validate` reports: bounded memory
    /// for a batch of hundreds of thousands of declarations).
    ///
    /// With `jobs` above 1, consecutive runs of declarations are timed on that many threads (each
    /// declaration is timed on its own); the findings are the same, in the same order.
    ///
    /// `declarations` may read each declaration on access (a batch kept on disk): each is read
    /// once, and the loose events' ids are looked for only when there are loose events.
    public func findings<Declarations: DeclarationCollection & Sendable>(
        declarations: Declarations, looseEvents: [String: [Event]] = [:], jobs: Int = 1
    ) -> [Finding] {
        let chunks = max(1, min(jobs, declarations.count / Self.declarationsPerThread))
        let parts = LockedValue<[[Finding]]>(Array(repeating: [], count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = declarations.startIndex
            let range = start + declarations.count * chunk / chunks..<start + declarations.count * (chunk + 1) / chunks
            var found: [Finding] = []
            // Timing reads no goods item; a batch kept on disk is read in blocks.
            declarations.forEach(at: range, goodsItems: false) { _, declaration in
                found += time(TimingSubject(declaration, looseEvents: declaration.id.flatMap { looseEvents[$0] } ?? [])).1
            }
            parts.withLock { $0[chunk] = found }
        }
        var findings = parts.withLock { $0 }.flatMap { $0 }
        for subject in TimingSubject.looseSubjects(declarations: declarations, looseEvents: looseEvents) {
            findings += time(subject).1
        }
        return findings
    }

    /// Fewer declarations than this per thread are timed on one thread.
    static let declarationsPerThread = 4096

    /// ``run(declarations:looseEvents:)`` over declarations read on access (a batch kept on
    /// disk): each is read once, without its goods items, and only its ``TimingSubject`` is kept
    /// while it is timed — the report holds the timings, never the declarations.
    public func run<Declarations: DeclarationCollection>(
        reading declarations: Declarations, looseEvents: [String: [Event]] = [:]
    ) -> TimingReport {
        var timings: [DeclarationTiming] = []
        timings.reserveCapacity(declarations.count)
        var findings: [Finding] = []
        declarations.forEach(at: declarations.indices, goodsItems: false) { _, declaration in
            let (timing, found) = time(TimingSubject(declaration, looseEvents: declaration.id.flatMap { looseEvents[$0] } ?? []))
            timings.append(timing)
            findings += found
        }
        for subject in TimingSubject.looseSubjects(declarations: declarations, looseEvents: looseEvents) {
            let (timing, found) = time(subject)
            timings.append(timing)
            findings += found
        }
        return TimingReport(declarations: timings, groups: GroupStatistics.groups(timings), findings: findings)
    }

    public func run(_ subjects: [TimingSubject]) -> TimingReport {
        var timings: [DeclarationTiming] = []
        var findings: [Finding] = []
        for subject in subjects {
            let (timing, found) = time(subject)
            timings.append(timing)
            findings += found
        }
        return TimingReport(declarations: timings, groups: GroupStatistics.groups(timings), findings: findings)
    }

    /// Whether timing a subject with these events can find anything (``time(_:)``): without
    /// events a subject has at most one milestone, its lodgement, so no interval to measure and no
    /// order, target or zone to check — no finding. A caller that wants only the findings skips
    /// the rest.
    public static func canFind(events: [Event]) -> Bool {
        !events.isEmpty
    }

    /// The timing of one subject and its findings.
    public func time(_ subject: TimingSubject) -> (DeclarationTiming, [Finding]) {
        var notes = TimingFindings(subject: subject)
        let times = MilestoneTimes(events: subject.events, lodgedAt: subject.lodgedAt)
        var intervals: [TimingInterval: Int64] = [:]
        for interval in TimingInterval.allCases {
            intervals[interval] = times.seconds(interval)
        }
        var working: [TimingInterval: Int64] = [:]
        if !intervals.isEmpty, let rule = workingRule(for: subject, notes: &notes) {
            let counter = WorkingTime(rule: rule)
            var gaps = Set<CalendarGap>()
            var withheld: [TimingInterval] = []
            for interval in TimingInterval.allCases {
                guard let from = times[interval.from], let to = times[interval.to] else { continue }
                switch counter.seconds(from: from.epochSeconds, to: to.epochSeconds) {
                case let .seconds(value): working[interval] = value
                case let .calendarMissing(missing):
                    gaps.formUnion(missing)
                    withheld.append(interval)
                }
            }
            if !gaps.isEmpty { notes.calendarMissing(gaps.sorted(), loaded: data.calendars, intervals: withheld) }
        }
        let target = subject.declaringCountry.flatMap { data.targets[$0] }
        var releaseSeconds: Int64?
        if let target, let (_, start) = target.start(in: times), let release = times[.release] {
            releaseSeconds = release.epochSeconds - start
        }
        let timing = DeclarationTiming(
            subject: subject, milestones: times, intervals: intervals, workingIntervals: working,
            target: target, releaseSeconds: releaseSeconds)
        notes.checkOrder(times)
        notes.checkTarget(timing)
        notes.noteAssumedZones(zoneName: subject.declaringCountry.flatMap { data.authorityZones[$0] })
        return (timing, notes.findings)
    }

    /// How working time is counted for this subject (``WorkingTime``); `nil` — with a
    /// `calendar.missing` finding for a declaration — when it cannot be.
    func workingRule(for subject: TimingSubject, notes: inout TimingFindings) -> WorkingTime.Rule? {
        let crossing = subject.borderCrossing.flatMap { data.crossings[$0] }
        if crossing?.isAlwaysOpen == true { return .alwaysOpen }
        guard let country = subject.declaringCountry else {
            // An event log alone names no authority: calendar intervals only, nothing to report.
            if subject.source != nil {
                notes.add("calendar.missing", "the declaring country is not known, so neither is its working-day calendar; "
                    + "working intervals are not reported", field: "workingIntervals")
            }
            return nil
        }
        guard let authority = zoned(country) else {
            notes.add("calendar.missing", "no working-day calendar for \(country) is loaded (Schemas/calendars); "
                + "working intervals are not reported", field: "workingIntervals")
            return nil
        }
        var closedOn: [WorkingTime.ZonedCalendar] = []
        if crossing?.closesOnHolidays == true {
            for other in ["CN", "KZ"] where other != country {
                guard let calendar = zoned(other) else { continue }
                closedOn.append(calendar)
            }
        }
        return .workingDays(authority, closedOn: closedOn)
    }

    private func zoned(_ country: String) -> WorkingTime.ZonedCalendar? {
        guard let calendar = data.calendars[country], let name = data.authorityZones[country],
              let zone = TimeZone(identifier: name) else { return nil }
        return WorkingTime.ZonedCalendar(calendar: calendar, zone: zone)
    }
}

/// What the timing stage produces for a batch (`SPEC.md`, "Timing output").
public struct TimingReport: Sendable {
    public var declarations: [DeclarationTiming]
    public var groups: [GroupStatistics]
    public var findings: [Finding]

    public init(declarations: [DeclarationTiming], groups: [GroupStatistics], findings: [Finding]) {
        self.declarations = declarations
        self.groups = groups
        self.findings = findings
    }
}
