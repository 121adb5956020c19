import CustomsCore
import CustomsTiming
import Testing

/// Working time on the calendars of `Schemas/calendars`.
@Suite struct WorkingTimeTests {
    /// A Chinese import at the Nurzholy–Khorgos road crossing lodged on Friday 2 February 2024,
    /// before the Spring Festival (10–17 February), released on Monday 19 February.
    func springFestivalImport(crossing: String = "nurzholy-khorgos", mode: TransportMode = .road) throws -> DeclarationTiming {
        let declaration = TimingFixtures.declaration(
            key: "CN-SF", country: "CN", crossing: crossing, mode: mode, channel: .red,
            events: [
                ("lodgement", try TimingFixtures.at("2024-02-02 15:00", "Asia/Shanghai")),
                ("acceptance", try TimingFixtures.at("2024-02-02 16:00", "Asia/Shanghai")),
                ("release", try TimingFixtures.at("2024-02-19 10:00", "Asia/Shanghai")),
            ])
        let report = try TimingFixtures.stage().run(declarations: [declaration])
        #expect(report.findings.isEmpty)
        return report.declarations[0]
    }

    @Test func springFestivalCountsMakeUpSundaysAndSkipsTheHoliday() throws {
        let timing = try springFestivalImport()
        // 2 Feb 15:00 → 19 Feb 10:00 (UTC+8 throughout): 17 days less 5 hours.
        #expect(timing.intervals[.lodgementToRelease] == 1_450_800)
        // Working: 2 Feb 9 h (32,400) + Sun 4 Feb make-up day (86,400) + 5–9 Feb (432,000)
        // + Sun 18 Feb make-up day (86,400) + 19 Feb 10 h (36,000); 3 Feb and 10–17 Feb not.
        #expect(timing.workingIntervals[.lodgementToRelease] == 673_200)
        #expect(timing.intervals[.acceptanceToRelease] == 1_447_200)
        #expect(timing.workingIntervals[.acceptanceToRelease] == 669_600)
        #expect(timing.workingIntervals[.lodgementToAcceptance] == 3_600)
    }

    @Test func makeUpDaysAreWorkingDaysAndTheHolidayIsNot() throws {
        let china = try #require(try TimingFixtures.data().calendars["CN"])
        for day in ["2024-02-04", "2024-02-18"] {
            #expect(china.isWorkingDay(try #require(CivilDay(iso: day))) == true, "\(day) is a 调休 working Sunday")
        }
        for day in ["2024-02-10", "2024-02-12", "2024-02-16", "2024-02-03"] {
            #expect(china.isWorkingDay(try #require(CivilDay(iso: day))) == false, "\(day)")
        }
        #expect(china.isWorkingDay(try #require(CivilDay(iso: "2024-02-09"))) == true, "New Year's Eve 2024 is a working Friday")
        #expect(china.isWorkingDay(try #require(CivilDay(iso: "2027-01-04"))) == nil)
    }

    @Test func railCrossingsRunThroughTheHoliday() throws {
        let timing = try springFestivalImport(crossing: "altynkol-khorgos", mode: .rail)
        #expect(timing.workingIntervals[.lodgementToRelease] == 1_450_800)
    }

    @Test func roadCrossingClosesOnTheOtherCountrysHoliday() throws {
        // A Kazakh import lodged Friday 4 October 2024 09:00 Almaty, released Monday 7 October
        // 09:00: Kazakhstan works Friday and Monday, but China's National Day (1–7 October,
        // Beijing days) closes the road crossing until 8 October 00:00 Beijing = 7 October 21:00
        // Almaty. Working time: none — Friday and Monday both fall in the Chinese holiday.
        let declaration = TimingFixtures.declaration(
            key: "KZ-ND", country: "KZ", crossing: "nurzholy-khorgos", mode: .road,
            events: [
                ("acceptance", try TimingFixtures.at("2024-10-04 09:00", "Asia/Almaty")),
                ("release", try TimingFixtures.at("2024-10-07 09:00", "Asia/Almaty")),
            ])
        let report = try TimingFixtures.stage().run(declarations: [declaration])
        #expect(report.declarations[0].intervals[.acceptanceToRelease] == 259_200)
        #expect(report.declarations[0].workingIntervals[.acceptanceToRelease] == 0)
        // Without a crossing, only Kazakhstan's working days count: Fri 15 h + Mon 9 h.
        var office = declaration
        office.borderCrossing = nil
        let alone = try TimingFixtures.stage().run(declarations: [office])
        #expect(alone.declarations[0].workingIntervals[.acceptanceToRelease] == 86_400)
    }

    @Test func aDateOutsideTheLoadedCalendarsIsCalendarMissing() throws {
        let declaration = TimingFixtures.declaration(
            key: "KZ-2027", country: "KZ", crossing: "nurzholy-khorgos", mode: .road,
            events: [
                ("acceptance", try TimingFixtures.at("2026-12-31 10:00", "Asia/Almaty")),
                ("release", try TimingFixtures.at("2027-01-04 10:00", "Asia/Almaty")),
            ])
        let report = try TimingFixtures.stage().run(declarations: [declaration])
        let timing = report.declarations[0]
        #expect(timing.intervals[.acceptanceToRelease] == 345_600)
        #expect(timing.workingIntervals.isEmpty, "no silent Monday–Friday for 2027")
        let missing = report.findings.filter { $0.rule == "calendar.missing" }
        #expect(missing.map(\.message).contains { $0.contains("KZ working-day calendar for 2027") })
        #expect(missing.map(\.message).contains { $0.contains("CN working-day calendar for 2027") })
        #expect(missing.allSatisfy { $0.severity == .warning && $0.declaration == "KZ-2027" })
        // Calendar time is still reported, and judged against the target.
        #expect(report.findings.contains { $0.rule == "timing.release-limit" })
    }

    @Test func anAuthorityWithoutCalendarIsCalendarMissing() throws {
        let declaration = TimingFixtures.declaration(
            key: "RU-1", country: "RU", events: [
                ("acceptance", try TimingFixtures.at("2024-05-06 10:00", "Europe/Moscow")),
                ("release", try TimingFixtures.at("2024-05-06 11:00", "Europe/Moscow")),
            ])
        let report = try TimingFixtures.stage().run(declarations: [declaration])
        #expect(report.declarations[0].intervals[.acceptanceToRelease] == 3_600)
        #expect(report.declarations[0].workingIntervals.isEmpty)
        #expect(report.findings.map(\.rule) == ["calendar.missing"])
    }
}
