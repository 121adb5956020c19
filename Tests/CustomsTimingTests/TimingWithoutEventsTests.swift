import CustomsCore
import CustomsTiming
import Foundation
import Testing

/// A subject without events has no timing finding, whatever its country, crossing, mode,
/// channel and lodgement (``TimingStage/canFind(events:)``): the stage may skip timing it.
@Suite struct TimingWithoutEventsTests {
    @Test func noEventsNoFinding() throws {
        let stage = try TimingFixtures.stage()
        #expect(!TimingStage.canFind(events: []))
        var count = 0
        for country in [nil, "KZ", "CN", "RU", "BY", "XX"] {
            for crossing in [nil, "dostyk-alashankou", "khorgos", "unknown-crossing"] {
                for lodgedAt in [nil, try TimingFixtures.at("2024-02-10 23:30", "Asia/Almaty"), try TimingFixtures.at("2024-02-12 09:00", "Asia/Shanghai")] {
                    for mode in [nil, TransportMode.rail, .road] {
                        let declaration = TimingFixtures.declaration(
                            key: "K\(count)", country: country, crossing: crossing, mode: mode, channel: .red, lodgedAt: lodgedAt, events: [])
                        count += 1
                        #expect(stage.time(TimingSubject(declaration)).1.isEmpty, "\(country ?? "-") \(crossing ?? "-") \(String(describing: lodgedAt))")
                    }
                }
            }
        }
        // With one event the subject is timed (here the lodgement and a release before it).
        let lodged = try TimingFixtures.at("2024-02-12 09:00", "Asia/Almaty")
        let early = try TimingFixtures.at("2024-02-11 09:00", "Asia/Almaty")
        let declaration = TimingFixtures.declaration(key: "R", country: "KZ", lodgedAt: lodged, events: [("release", early)])
        #expect(TimingStage.canFind(events: declaration.events))
        #expect(stage.time(TimingSubject(declaration)).1.contains { $0.rule == "timing.order" })
    }
}
