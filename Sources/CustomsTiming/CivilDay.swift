public import CustomsCore
public import Foundation

/// A calendar date as a day number (days since 1970-01-01, proleptic Gregorian), so that day
/// arithmetic and weekdays need no Foundation calendar.
public struct CivilDay: Sendable, Hashable, Comparable, Strideable {
    public var number: Int

    public init(number: Int) {
        self.number = number
    }

    /// `nil` for an impossible date.
    public init?(year: Int, month: Int, day: Int) {
        guard let local = LocalDateTime(year: year, month: month, day: day) else { return nil }
        number = Int(local.secondsSinceEpoch / 86_400)
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: String) {
        guard text.count == 10, let local = LocalDateTime.parseISO(text) else { return nil }
        number = Int(local.secondsSinceEpoch / 86_400)
    }

    /// The local date of an instant in a zone.
    public init(_ timestamp: Timestamp, in zone: TimeZone) {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(timestamp.epochSeconds)))
        let local = timestamp.epochSeconds + Int64(offset)
        number = Int((local - ((local % 86_400) + 86_400) % 86_400) / 86_400)
    }

    private var local: LocalDateTime {
        Timestamp(epochSeconds: Int64(number) * 86_400, utcOffsetSeconds: 0).local
    }

    public var year: Int { local.year }
    public var isoDate: String { local.isoDate }

    /// ISO weekday: 1 Monday … 7 Sunday (1970-01-01 was a Thursday).
    public var isoWeekday: Int { ((number + 3) % 7 + 7) % 7 + 1 }
    public var isWeekend: Bool { isoWeekday >= 6 }

    /// The instant this day starts in `zone`: local midnight, or — where midnight happened twice —
    /// its first occurrence, or — where it never happened — the first local hour that did.
    public func start(in zone: TimeZone) -> Int64 {
        let (y, m, d) = (local.year, local.month, local.day)
        for hour in 0..<24 {
            guard let midnight = LocalDateTime(year: y, month: m, day: d, hour: hour) else { break }
            switch midnight.resolve(in: zone) {
            case let .exact(stamp): return stamp.epochSeconds
            case let .ambiguous(earlier, _): return earlier.epochSeconds
            case .nonexistent: continue
            }
        }
        return Int64(number) * 86_400 - Int64(zone.secondsFromGMT())
    }

    public static func < (lhs: CivilDay, rhs: CivilDay) -> Bool { lhs.number < rhs.number }
    public func distance(to other: CivilDay) -> Int { other.number - number }
    public func advanced(by n: Int) -> CivilDay { CivilDay(number: number + n) }
}
