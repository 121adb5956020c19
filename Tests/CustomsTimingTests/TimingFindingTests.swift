import CustomsCore
import CustomsTiming
import Testing

/// timing.order, timing.release-limit, timing.zone-assumed and how milestones are gathered.
@Suite struct TimingFindingTests {
    @Test func releaseBeforeLodgementIsAnOrderFaultNamingBothTimes() throws {
        let declaration = TimingFixtures.declaration(
            key: "KZ-ORDER", country: "KZ", crossing: "dostyk-alashankou", mode: .rail,
            lodgedAt: try TimingFixtures.at("2025-03-17 10:15", "Asia/Almaty"),
            events: [("release", try TimingFixtures.at("2025-03-17 09:00", "Asia/Almaty"))])
        let report = try TimingFixtures.stage().run(declarations: [declaration])
        let order = report.findings.filter { $0.rule == "timing.order" }
        #expect(order.count == 1)
        let finding = try #require(order.first)
        #expect(finding.severity == .error)
        #expect(finding.declaration == "KZ-ORDER")
        #expect(finding.file == "test.xml" && finding.line == 3)
        #expect(finding.message == "release at 2025-03-17T09:00:00+05:00 is before lodgement at 2025-03-17T10:15:00+05:00 "
            + "(1 h 15 min earlier); release must not come before lodgement")
        let timing = report.declarations[0]
        #expect(timing.intervals[.lodgementToRelease] == -4_500)
        #expect(timing.isOutOfOrder(.lodgementToRelease))
        // Out of order: no statistics for it, and not judged against the target.
        #expect(report.groups[0].intervals[.lodgementToRelease] == nil)
        #expect(timing.withinTarget == nil)
        #expect(!report.findings.contains { $0.rule == "timing.release-limit" })
    }

    @Test func oneLateReleaseIsOneFinding() throws {
        let declaration = TimingFixtures.declaration(
            key: "KZ-ONE", country: "KZ", events: [
                ("lodgement", try TimingFixtures.at("2025-03-17 10:00", "Asia/Almaty")),
                ("acceptance", try TimingFixtures.at("2025-03-17 10:30", "Asia/Almaty")),
                ("release", try TimingFixtures.at("2025-03-17 09:00", "Asia/Almaty")),
            ])
        let report = try TimingFixtures.stage().run(declarations: [declaration])
        #expect(report.findings.filter { $0.rule == "timing.order" }.map(\.message) == [
            "release at 2025-03-17T09:00:00+05:00 is before acceptance at 2025-03-17T10:30:00+05:00 "
                + "(1 h 30 min earlier); release must not come before acceptance",
        ])
    }

    @Test func preArrivalLodgementIsNotAFault() throws {
        let declaration = TimingFixtures.declaration(
            key: "KZ-PRE", country: "KZ", crossing: "dostyk-alashankou", events: [
                ("arrival", try TimingFixtures.at("2025-03-17 12:00", "Asia/Almaty")),
                ("lodgement", try TimingFixtures.at("2025-03-17 08:00", "Asia/Almaty")),
                ("release", try TimingFixtures.at("2025-03-17 11:30", "Asia/Almaty")),
            ])
        let report = try TimingFixtures.stage().run(declarations: [declaration])
        #expect(report.findings.isEmpty)
        #expect(report.declarations[0].intervals[.arrivalToLodgement] == -14_400)
        #expect(report.groups[0].intervals[.arrivalToLodgement]?.mean == ExactSeconds(seconds: -14_400))
    }

    @Test func releaseBeyondFourHoursOfAcceptanceInAnEAEUState() throws {
        let declaration = TimingFixtures.declaration(
            key: "KZ-LATE", country: "KZ", crossing: "dostyk-alashankou", mode: .rail, channel: .red, events: [
                ("acceptance", try TimingFixtures.at("2025-03-17 10:31", "Asia/Almaty")),
                ("release", try TimingFixtures.at("2025-03-17 15:43", "Asia/Almaty")),
            ])
        let report = try TimingFixtures.stage().run(declarations: [declaration])
        let finding = try #require(report.findings.first { $0.rule == "timing.release-limit" })
        #expect(finding.severity == .warning)
        #expect(finding.message.hasPrefix(
            "released 5 h 12 min (18,720 s) after acceptance: 2025-03-17T10:31:00+05:00 → 2025-03-17T15:43:00+05:00; "
                + "the target for declarations lodged in KZ is 4 h (14,400 s)"))
        #expect(report.declarations[0].withinTarget == false)
        #expect(report.groups[0].withinTarget == Fraction(part: 0, of: 1))
    }

    @Test func lodgementCountsWhenNoAcceptanceIsRecorded() throws {
        let declaration = TimingFixtures.declaration(
            key: "KZ-LODGED", country: "KZ",
            lodgedAt: try TimingFixtures.at("2025-03-17 10:00", "Asia/Almaty"),
            events: [("release", try TimingFixtures.at("2025-03-17 14:00", "Asia/Almaty"))])
        let report = try TimingFixtures.stage().run(declarations: [declaration])
        #expect(report.declarations[0].releaseSeconds == 14_400)
        #expect(report.declarations[0].withinTarget == true, "exactly 4 h is within")
        #expect(report.findings.filter { $0.rule == "timing.release-limit" }.isEmpty)
    }

    @Test func chineseDeclarationsHaveNoDefaultTarget() throws {
        let declaration = TimingFixtures.declaration(
            key: "CN-SLOW", country: "CN", crossing: "dostyk-alashankou", events: [
                ("acceptance", try TimingFixtures.at("2025-03-17 10:00", "Asia/Shanghai")),
                ("release", try TimingFixtures.at("2025-03-18 10:00", "Asia/Shanghai")),
            ])
        let report = try TimingFixtures.stage().run(declarations: [declaration])
        #expect(report.findings.isEmpty)
        #expect(report.groups[0].withinTarget == nil)
    }

    @Test func earliestEventPerMilestoneCountsAndLodgedAtFillsIn() throws {
        let first = try TimingFixtures.at("2025-03-17 11:00", "Asia/Almaty")
        let second = try TimingFixtures.at("2025-03-17 12:00", "Asia/Almaty")
        let lodged = try TimingFixtures.at("2025-03-17 09:00", "Asia/Almaty")
        let times = MilestoneTimes(
            events: [Event(milestone: "release", at: second), Event(milestone: "release", at: first)], lodgedAt: lodged)
        #expect(times[.release] == first)
        #expect(times[.lodgement] == lodged)
        #expect(times.seconds(.lodgementToRelease) == 7_200)
        let withEvent = MilestoneTimes(events: [Event(milestone: "lodgement", at: first)], lodgedAt: lodged)
        #expect(withEvent[.lodgement] == first, "a lodgement event wins over lodgedAt")
    }

    @Test func assumedZonesAreNotedOncePerDeclaration() throws {
        var declaration = TimingFixtures.declaration(key: "KZ-ASSUMED", country: "KZ", events: [])
        declaration.events = [
            Event(milestone: "arrival", at: try TimingFixtures.at("2025-03-17 08:00", "Asia/Almaty"), zoneAssumed: true),
            Event(milestone: "release", at: try TimingFixtures.at("2025-03-17 09:00", "Asia/Almaty"), zoneAssumed: true),
        ]
        let report = try TimingFixtures.stage().run(declarations: [declaration])
        let notes = report.findings.filter { $0.rule == "timing.zone-assumed" }
        #expect(notes.count == 1)
        #expect(notes.first?.severity == .info)
        #expect(notes.first?.message == "2 event times (arrival, release) had no UTC offset and were read in the "
            + "declaring authority's official zone (Asia/Almaty)")
    }

    @Test func eventsWhoseDeclarationIsInNoFileAreTimedUnderTheirId() throws {
        let events = [
            Event(milestone: "arrival", at: try TimingFixtures.at("2025-03-17 08:00", "Asia/Almaty")),
            Event(milestone: "release", at: try TimingFixtures.at("2025-03-17 09:30", "Asia/Almaty")),
        ]
        let report = try TimingFixtures.stage().run(declarations: [], looseEvents: ["LOG-7": events])
        #expect(report.declarations.count == 1)
        #expect(report.declarations[0].subject.key == "LOG-7")
        #expect(report.declarations[0].intervals[.arrivalToRelease] == 5_400)
        #expect(report.findings.isEmpty)
    }
}
