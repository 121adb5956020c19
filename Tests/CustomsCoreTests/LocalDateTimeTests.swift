import CustomsCore
import Foundation
import Testing

@Suite struct LocalDateTimeTests {
    @Test func chineseCompactTimeIsBeijingTime() throws {
        let local = try #require(LocalDateTime.parseCompact("20180201165149"))
        guard case let .exact(stamp) = local.resolve(in: try #require(TimeZone(identifier: "Asia/Shanghai"))) else {
            Issue.record("expected one reading")
            return
        }
        #expect(stamp.rfc3339 == "2018-02-01T16:51:49+08:00")
        #expect(stamp.epochSeconds == 1_517_475_109)
    }

    @Test func millisecondsAreKept() throws {
        let local = try #require(LocalDateTime.parseCompact("20230115093005123"))
        #expect(local.milliseconds == 123)
        #expect(local.isoString == "2023-01-15T09:30:05.123")
    }

    @Test func almatyHourBeforeTheMarch2024ChangeHappenedTwice() throws {
        let zone = try #require(TimeZone(identifier: "Asia/Almaty"))
        let local = try #require(LocalDateTime.parseISO("2024-02-29T23:30:00"))
        guard case let .ambiguous(earlier, later) = local.resolve(in: zone) else {
            Issue.record("2024-02-29 23:30 in Asia/Almaty should be ambiguous")
            return
        }
        #expect(earlier.rfc3339 == "2024-02-29T23:30:00+06:00")
        #expect(later.rfc3339 == "2024-02-29T23:30:00+05:00")
        let after = try #require(LocalDateTime.parseISO("2024-03-01T10:00:00"))
        guard case let .exact(stamp) = after.resolve(in: zone) else {
            Issue.record("expected one reading")
            return
        }
        #expect(stamp.utcOffsetSeconds == 5 * 3600)
    }

    @Test func impossibleDatesAreRefused() {
        #expect(LocalDateTime.parseCompact("20230230") == nil)
        #expect(LocalDateTime.parseCompact("2023013") == nil)
        #expect(LocalDateTime.parseISO("2023-13-01") == nil)
        #expect(LocalDateTime.parseCompact("20240229") != nil)
    }

    @Test func rfc3339RoundTrips() throws {
        let stamp = try #require(Timestamp.parseRFC3339("2025-03-17T10:15:00+05:00"))
        #expect(stamp.rfc3339 == "2025-03-17T10:15:00+05:00")
        let utc = try #require(Timestamp.parseRFC3339("2025-03-17T05:15:00Z"))
        #expect(utc.epochSeconds == stamp.epochSeconds)
        #expect(Timestamp.parseRFC3339("2025-03-17T10:15:00") == nil)
    }
}
