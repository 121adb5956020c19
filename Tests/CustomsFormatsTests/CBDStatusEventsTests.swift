import CustomsCore
import CustomsPipeline
import CustomsTestSupport
import Testing

/// The clearance milestones of a cbd-xml declaration are read with the offset they were stated in.
@Suite struct CBDStatusEventsTests {
    @Test func sampleEventsKeepTheirOffsets() throws {
        let configuration = try PipelineConfiguration.load()
        let result = FileProcessor(configuration: configuration).process(TestPaths.sample("cbd-rail-consignment-altynkol.xml"))
        #expect(result.declarations.count == 2)
        let kazakh = try #require(result.declarations.first { $0.declaringCountry == "KZ" })
        #expect(kazakh.events.map(\.milestone) == ["arrival", "acceptance", "release"])
        #expect(kazakh.events.map(\.at.rfc3339) == [
            "2025-04-03T22:40:00+05:00", "2025-04-04T10:31:00+05:00", "2025-04-04T13:02:00+05:00",
        ])
        #expect(kazakh.events.allSatisfy { !$0.zoneAssumed })
        #expect(kazakh.lodgedAt?.rfc3339 == "2025-04-04T10:15:00+05:00")
    }
}
