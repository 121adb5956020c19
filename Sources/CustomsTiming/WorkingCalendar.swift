/// The working-day calendar of one country for the years it covers: public holidays, the days
/// off that the state transfers onto weekdays, and the weekend days it makes working
/// (China's 调休 make-up days, Kazakhstan's decreed transfers).
///
/// A day is a **working day** when it is listed as `working-day`, or when it is Monday–Friday
/// and not listed as `holiday` or `transferred-day-off`. A day outside ``years`` has no answer
/// (`nil`): the caller reports `calendar.missing` instead of assuming Monday–Friday.
///
/// Data: `Schemas/calendars/<COUNTRY>.csv` (columns `from,to,kind,name,source`), listed with
/// the years it covers in `Schemas/calendars/calendars.csv`; sources in `Schemas/SOURCES.md`.
public struct WorkingCalendar: Sendable, Hashable {
    /// How a listed day is treated.
    public enum Kind: String, Sendable, Hashable {
        /// A public holiday (or a day of an official holiday block): no work.
        case holiday
        /// A weekday made a day off by a transfer (China's 调休; Kazakhstan's Labour Code
        /// art. 85 and government/ministry transfers).
        case transferredDayOff = "transferred-day-off"
        /// A Saturday or Sunday made a working day by a transfer.
        case workingDay = "working-day"
    }

    /// ISO 3166-1 alpha-2.
    public var country: String
    /// The years the data covers, inclusive.
    public var years: ClosedRange<Int>
    public private(set) var kinds: [CivilDay: Kind]

    public init(country: String, years: ClosedRange<Int>, kinds: [CivilDay: Kind]) {
        self.country = country
        self.years = years
        self.kinds = kinds
    }

    public func covers(_ day: CivilDay) -> Bool { years.contains(day.year) }

    /// `nil` when the day's year is not covered.
    public func isWorkingDay(_ day: CivilDay) -> Bool? {
        guard covers(day) else { return nil }
        switch kinds[day] {
        case .workingDay?: return true
        case .holiday?, .transferredDayOff?: return false
        case nil: return !day.isWeekend
        }
    }

    /// True on an official non-working day (a holiday or a transferred day off, weekends of a
    /// holiday block included) — the days a road crossing closes; plain weekends are not.
    /// `nil` when the day's year is not covered.
    public func isOfficialDayOff(_ day: CivilDay) -> Bool? {
        guard covers(day) else { return nil }
        switch kinds[day] {
        case .holiday?, .transferredDayOff?: return true
        default: return false
        }
    }
}
