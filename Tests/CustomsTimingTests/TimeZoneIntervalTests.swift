import CustomsCore
import CustomsTiming
import Foundation
import Testing

/// Intervals across zones and across Kazakhstan's 2024-03-01 change, by the tz database.
@Suite struct TimeZoneIntervalTests {
    @Test func almatyNightOfTheClockChangeIsSixHoursThirty() throws {
        let arrival = try TimingFixtures.at("2024-02-29 21:15", "Asia/Almaty")
        let release = try TimingFixtures.at("2024-03-01 02:45", "Asia/Almaty")
        #expect(arrival.rfc3339 == "2024-02-29T21:15:00+06:00")
        #expect(release.rfc3339 == "2024-03-01T02:45:00+05:00")
        let declaration = TimingFixtures.declaration(
            key: "KZ-1", country: "KZ", crossing: "dostyk-alashankou", mode: .rail,
            events: [("arrival", arrival), ("release", release)])
        let report = try TimingFixtures.stage().run(declarations: [declaration])
        #expect(report.declarations[0].intervals[.arrivalToRelease] == 23_400)
        // Rail crossings run around the clock: working time is calendar time.
        #expect(report.declarations[0].workingIntervals[.arrivalToRelease] == 23_400)
        #expect(report.declarations[0].intervals[.arrivalToLodgement] == nil)
        // On Kazakhstan's calendar (Thursday and Friday, both working days; 29 February 2024 had
        // 25 hours in Almaty) working time is the same 6 h 30 min.
        var office = declaration
        office.borderCrossing = nil
        let alone = try TimingFixtures.stage().run(declarations: [office])
        #expect(alone.declarations[0].workingIntervals[.arrivalToRelease] == 23_400)
        let day = try #require(CivilDay(iso: "2024-02-29"))
        let zone = try #require(TimeZone(identifier: "Asia/Almaty"))
        #expect(day.advanced(by: 1).start(in: zone) - day.start(in: zone) == 25 * 3600)
    }

    @Test func almatyHourThatHappenedTwiceIsAFindingNotAGuess() throws {
        let local = try #require(LocalDateTime.parseISO("2024-02-29 23:05"))
        let outcome = LocalEventTime.event("arrival", at: local, zone: "Asia/Almaty", assumed: true, declaration: "KZ-2")
        guard case let .failure(error) = outcome else {
            Issue.record("2024-02-29 23:05 in Asia/Almaty happened twice; expected no time")
            return
        }
        #expect(error.finding.rule == "timing.ambiguous-local-time")
        #expect(error.finding.severity == .warning)
        #expect(error.finding.declaration == "KZ-2")
        #expect(error.finding.message.contains("2024-02-29T23:05:00+06:00"))
        #expect(error.finding.message.contains("2024-02-29T23:05:00+05:00"))
    }

    @Test func almatyMorningToBeijingAfternoonIsNinetyMinutes() throws {
        let arrival = try TimingFixtures.at("2024-06-11 09:10", "Asia/Almaty")
        let release = try TimingFixtures.at("2024-06-11 13:40", "Asia/Shanghai")
        let declaration = TimingFixtures.declaration(
            key: "CN-1", country: "CN", events: [("arrival", arrival), ("release", release)])
        let report = try TimingFixtures.stage().run(declarations: [declaration])
        #expect(report.declarations[0].intervals[.arrivalToRelease] == 5_400)
        // Tuesday 11 June 2024 is a working day in China (Dragon Boat was the 10th).
        #expect(report.declarations[0].workingIntervals[.arrivalToRelease] == 5_400)
    }

    @Test func chinaIsNeverReadInUrumqiTime() throws {
        let data = try TimingFixtures.data()
        #expect(data.authorityZones["CN"] == "Asia/Shanghai")
        #expect(try TimingFixtures.at("2024-06-11 13:40", "Asia/Shanghai").utcOffsetSeconds == 8 * 3600)
    }
}
