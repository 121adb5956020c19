import CustomsCore
import CustomsTestSupport
import CustomsTiming
import Foundation
import Testing

/// Shared helpers: the product's own timing data, and declarations built from local times.
enum TimingFixtures {
    static func data() throws -> TimingData {
        try TimingData(directory: TestPaths.schemas)
    }

    static func stage() throws -> TimingStage {
        TimingStage(data: try data())
    }

    /// A local time `YYYY-MM-DD HH:MM` placed in a tz database zone; fails the test when it is
    /// ambiguous or never happened.
    static func at(_ text: String, _ zone: String) throws -> Timestamp {
        let local = try #require(LocalDateTime.parseISO(text))
        guard case let .placed(stamp) = LocalEventTime.place(local, zone: zone) else {
            Issue.record("\(text) in \(zone) is not a single instant")
            throw CancellationError()
        }
        return stamp
    }

    static func declaration(
        key: String, country: String?, crossing: String? = nil, mode: TransportMode? = nil,
        channel: RiskChannel? = nil, lodgedAt: Timestamp? = nil, events: [(String, Timestamp)]
    ) -> Declaration {
        var declaration = Declaration(sourceFormat: "cbd-xml", source: SourceLocation(file: "test.xml", line: 3))
        declaration.id = key
        declaration.key = key
        declaration.declaringCountry = country
        declaration.borderCrossing = crossing
        declaration.transportMode = mode
        declaration.riskChannel = channel
        declaration.lodgedAt = lodgedAt
        declaration.events = events.map { Event(milestone: $0.0, at: $0.1) }
        return declaration
    }
}
