public import Foundation

/// Counts the **working time** between two instants: the time the border crossing's customs work.
///
/// Definition (seconds):
/// - At a crossing open around the clock (`hours` = `24/7` in `Schemas/border-crossings.csv`:
///   the rail crossings, which run through holidays) every second counts; no calendar is needed.
/// - Otherwise (road crossings, a crossing whose hours are not known, or no crossing named) a
///   second counts when it falls on a **working day** of the declaring authority's calendar
///   (``WorkingCalendar``), the day taken from 00:00 to 24:00 in the authority's official zone
///   (`Asia/Shanghai` for China, `Asia/Almaty` for Kazakhstan). Opening hours within the day are
///   not applied (the table does not state them yet).
/// - At a road crossing, a second also does not count when it falls on an official day off
///   (holiday or transferred day off, not a plain weekend) of the country on the other side,
///   that day taken in the other country's zone: the crossing is closed.
///
/// Negative spans (a release before its lodgement) count backwards: the result is the negative
/// of the working time from the later instant to the earlier one.
public struct WorkingTime: Sendable {
    /// One country's calendar read in its zone.
    public struct ZonedCalendar: Sendable {
        public var calendar: WorkingCalendar
        public var zone: TimeZone

        public init(calendar: WorkingCalendar, zone: TimeZone) {
            self.calendar = calendar
            self.zone = zone
        }
    }

    /// How working time is counted for one declaration.
    public enum Rule: Sendable {
        case alwaysOpen
        case workingDays(ZonedCalendar, closedOn: [ZonedCalendar])
    }

    /// The outcome: the seconds, or the calendar years that would be needed but are not loaded.
    public enum Outcome: Sendable, Hashable {
        case seconds(Int64)
        case calendarMissing([CalendarGap])
    }

    public var rule: Rule

    public init(rule: Rule) {
        self.rule = rule
    }

    public func seconds(from start: Int64, to end: Int64) -> Outcome {
        if end < start {
            switch seconds(from: end, to: start) {
            case let .seconds(value): return .seconds(-value)
            case let gaps: return gaps
            }
        }
        switch rule {
        case .alwaysOpen:
            return .seconds(end - start)
        case let .workingDays(authority, closedOn):
            var gaps: [CalendarGap] = []
            let open = dayIntervals(authority, from: start, to: end, gaps: &gaps) { authority.calendar.isWorkingDay($0) }
            var closed: [Range<Int64>] = []
            for other in closedOn {
                closed += dayIntervals(other, from: start, to: end, gaps: &gaps) { other.calendar.isOfficialDayOff($0) }
            }
            if !gaps.isEmpty { return .calendarMissing(Array(Set(gaps)).sorted()) }
            let closedUnion = Self.union(closed)
            var total: Int64 = 0
            for range in open {
                total += Int64(range.count) - closedUnion.reduce(0) { $0 + Self.overlap(range, $1) }
            }
            return .seconds(total)
        }
    }

    /// The parts of `[start, end)` lying on days of `zoned` for which `select` is true; a day whose
    /// year is not covered adds a gap instead.
    private func dayIntervals(
        _ zoned: ZonedCalendar, from start: Int64, to end: Int64, gaps: inout [CalendarGap],
        select: (CivilDay) -> Bool?
    ) -> [Range<Int64>] {
        guard end > start else { return [] }
        let first = CivilDay(.init(epochSeconds: start, utcOffsetSeconds: 0), in: zoned.zone)
        let last = CivilDay(.init(epochSeconds: end - 1, utcOffsetSeconds: 0), in: zoned.zone)
        var ranges: [Range<Int64>] = []
        var dayStart = first.start(in: zoned.zone)
        for day in first...last {
            let next = day.advanced(by: 1).start(in: zoned.zone)
            defer { dayStart = next }
            guard let selected = select(day) else {
                gaps.append(CalendarGap(country: zoned.calendar.country, year: day.year))
                continue
            }
            guard selected else { continue }
            let lower = max(dayStart, start)
            let upper = min(next, end)
            if lower < upper { ranges.append(lower..<upper) }
        }
        return ranges
    }

    static func overlap(_ a: Range<Int64>, _ b: Range<Int64>) -> Int64 {
        max(0, min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound))
    }

    static func union(_ ranges: [Range<Int64>]) -> [Range<Int64>] {
        var merged: [Range<Int64>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}

/// A year of a country's working-day calendar that working time needed and that is not loaded.
public struct CalendarGap: Sendable, Hashable, Comparable {
    /// ISO 3166-1 alpha-2.
    public var country: String
    public var year: Int

    public init(country: String, year: Int) {
        self.country = country
        self.year = year
    }

    public static func < (lhs: CalendarGap, rhs: CalendarGap) -> Bool {
        (lhs.country, lhs.year) < (rhs.country, rhs.year)
    }
}
