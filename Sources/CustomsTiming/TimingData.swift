import CustomsCore
public import Foundation

/// The data the timing stage reads from `Schemas/` at run time, loaded once and shared read-only:
/// working-day calendars (`calendars/`), release targets (`release-targets.csv`), the opening
/// hours of the border crossings (`border-crossings.csv`) and the official zone of each
/// declaring authority (`codelists/authority-zones.csv`).
public struct TimingData: Sendable {
    /// Working-day calendars by ISO 3166-1 alpha-2 country.
    public var calendars: [String: WorkingCalendar]
    /// Release targets by declaring country.
    public var targets: [String: ReleaseTarget]
    /// Border crossings by id.
    public var crossings: [String: CrossingSchedule]
    /// tz database zone name of each declaring authority, by country.
    public var authorityZones: [String: String]

    public init(
        calendars: [String: WorkingCalendar], targets: [String: ReleaseTarget],
        crossings: [String: CrossingSchedule], authorityZones: [String: String]
    ) {
        self.calendars = calendars
        self.targets = targets
        self.crossings = crossings
        self.authorityZones = authorityZones
    }

    /// Loads every table from `directory` (the project's `Schemas/`). Throws when a table is
    /// missing or a calendar row cannot be read: wrong timing data must not pass silently.
    public init(directory: URL) throws {
        func records(_ name: String) throws -> [[String: String]] {
            DelimitedTable.records(try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        }
        var calendars: [String: WorkingCalendar] = [:]
        for row in try records("calendars/calendars.csv") {
            guard let country = row["country"], let file = row["file"],
                  let first = Int(row["first_year"] ?? ""), let last = Int(row["last_year"] ?? ""), first <= last
            else { throw TimingDataError("calendars/calendars.csv: a row lacks country, file, first_year or last_year") }
            calendars[country] = try WorkingCalendar(
                country: country, years: first...last, rows: try records("calendars/" + file), file: "calendars/" + file)
        }
        var targets: [String: ReleaseTarget] = [:]
        for row in try records("release-targets.csv") {
            guard let country = row["country"], let limit = Int64(row["limit_seconds"] ?? ""),
                  let from = Milestone(rawValue: row["from"] ?? "")
            else { throw TimingDataError("release-targets.csv: a row lacks country, limit_seconds or a known milestone in from") }
            let fallback = row["fallback"].flatMap { $0.isEmpty ? nil : Milestone(rawValue: $0) }
            targets[country] = ReleaseTarget(
                country: country, limitSeconds: limit, from: from, fallback: fallback, source: row["source"] ?? "")
        }
        var crossings: [String: CrossingSchedule] = [:]
        for row in try records("border-crossings.csv") {
            guard let id = row["id"], !id.isEmpty else { continue }
            crossings[id] = CrossingSchedule(id: id, mode: row["mode"] ?? "", hours: row["hours"] ?? "")
        }
        var zones: [String: String] = [:]
        for row in try records("codelists/authority-zones.csv") {
            if let country = row["country"], let zone = row["zone"], !zone.isEmpty { zones[country] = zone }
        }
        self.init(calendars: calendars, targets: targets, crossings: crossings, authorityZones: zones)
    }
}

/// A border crossing as the timing stage needs it: its mode and opening hours.
public struct CrossingSchedule: Sendable, Hashable {
    public var id: String
    /// `rail` or `road` (the table's `mode` column).
    public var mode: String
    /// The table's `hours` column: `24/7`, or empty when not known.
    public var hours: String

    public init(id: String, mode: String, hours: String) {
        self.id = id
        self.mode = mode
        self.hours = hours
    }

    /// Open around the clock every day, holidays included (the rail crossings).
    public var isAlwaysOpen: Bool { hours == "24/7" }
    /// A road crossing: closed on the public holidays of either country.
    public var closesOnHolidays: Bool { mode == "road" }
}

/// Timing data in `Schemas/` that cannot be read.
public struct TimingDataError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

extension WorkingCalendar {
    /// Reads the rows `from,to,kind,name,source` (`to` empty for a single day).
    init(country: String, years: ClosedRange<Int>, rows: [[String: String]], file: String) throws {
        var kinds: [CivilDay: Kind] = [:]
        for (index, row) in rows.enumerated() {
            let to = row["to"].flatMap { $0.isEmpty ? nil : $0 } ?? row["from"] ?? ""
            guard let first = CivilDay(iso: row["from"] ?? ""), let last = CivilDay(iso: to), first <= last,
                  let kind = Kind(rawValue: row["kind"] ?? "")
            else { throw TimingDataError("\(file) row \(index + 2): cannot read from/to/kind") }
            for day in first...last {
                guard years.contains(day.year) else {
                    throw TimingDataError("\(file) row \(index + 2): \(day.isoDate) is outside the years \(years.lowerBound)–\(years.upperBound)")
                }
                kinds[day] = kind
            }
        }
        self.init(country: country, years: years, kinds: kinds)
    }
}
