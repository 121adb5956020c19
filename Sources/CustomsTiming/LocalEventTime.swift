public import CustomsCore
import Foundation

/// Places an event time that was given without a UTC offset (an event log's `YYYY-MM-DD HH:MM`,
/// a message's `yyyyMMddHHmmss`) in time, by the tz database — never a fixed offset.
///
/// The zone is the one the source names, or else the declaring authority's official zone
/// (`Schemas/codelists/authority-zones.csv`: `Asia/Shanghai` for China, never `Asia/Urumqi`;
/// `Asia/Almaty` for Kazakhstan, UTC+6 until 2024-03-01 00:00 and UTC+5 since). A local time that
/// happened twice (Almaty, 2024-02-29 23:00–24:00) or never is not guessed: it gives a
/// `timing.ambiguous-local-time` finding and no time.
public enum LocalEventTime {
    public enum Outcome: Sendable, Hashable {
        case placed(Timestamp)
        /// The local time happened twice; both readings.
        case ambiguous(earlier: Timestamp, later: Timestamp)
        case nonexistent
        /// The zone name is not in the tz database.
        case unknownZone
    }

    public static func place(_ local: LocalDateTime, zone name: String) -> Outcome {
        guard let zone = TimeZone(identifier: name) else { return .unknownZone }
        switch local.resolve(in: zone) {
        case let .exact(stamp): return .placed(stamp)
        case let .ambiguous(earlier, later): return .ambiguous(earlier: earlier, later: later)
        case .nonexistent: return .nonexistent
        }
    }

    /// An event for `milestone` at a local time: the event (with `zoneAssumed` when `assumed`),
    /// or the finding that explains why there is none (`declaration` is its key for the finding).
    public static func event(
        _ milestone: String, at local: LocalDateTime, zone name: String, assumed: Bool, location: String? = nil,
        declaration: String? = nil, file: String? = nil
    ) -> Result<Event, TimingFindingError> {
        let text = local.isoString.replacingOccurrences(of: "T", with: " ")
        switch place(local, zone: name) {
        case let .placed(stamp):
            return .success(Event(milestone: milestone, at: stamp, location: location, zoneAssumed: assumed))
        case let .ambiguous(earlier, later):
            return .failure(TimingFindingError(Finding(
                rule: "timing.ambiguous-local-time",
                message: "\(milestone) '\(text)' happened twice in \(name) (\(earlier.rfc3339) and \(later.rfc3339)); it is not placed in time",
                file: file, field: "events", declaration: declaration)))
        case .nonexistent:
            return .failure(TimingFindingError(Finding(
                rule: "timing.ambiguous-local-time",
                message: "\(milestone) '\(text)' never happened in \(name) (the clocks moved forward over it); it is not placed in time",
                file: file, field: "events", declaration: declaration)))
        case .unknownZone:
            return .failure(TimingFindingError(Finding(
                rule: "field.invalid", message: "\(milestone) '\(text)': \(name) is not a tz database zone",
                file: file, field: "events", declaration: declaration)))
        }
    }
}

/// Why an event time could not be placed, as the finding to report.
public struct TimingFindingError: Error, Sendable, Hashable {
    public var finding: Finding

    public init(_ finding: Finding) {
        self.finding = finding
    }
}
