import CustomsTiming
import Testing

/// Exact percentiles and means on small sets worked by hand.
@Suite struct StatisticsTests {
    @Test func percentilesInterpolateBetweenClosestRanks() throws {
        let stats = try #require(IntervalStatistics([10, 20, 30, 40, 100]))
        #expect(stats.count == 5)
        #expect(stats.mean == ExactSeconds(seconds: 40))
        #expect(stats.median == ExactSeconds(seconds: 30))
        // rank 0.9 × 4 = 3.6: 40 + 0.6 × 60 = 76; rank 3.8: 40 + 0.8 × 60 = 88.
        #expect(stats.p90 == ExactSeconds(seconds: 76))
        #expect(stats.p95 == ExactSeconds(seconds: 88))
        #expect(stats.max == 100)
    }

    @Test func evenCountsAndHundredths() throws {
        let stats = try #require(IntervalStatistics([1, 2, 4, 7]))
        #expect(stats.median.description == "3")
        #expect(stats.mean.description == "3.5")
        // rank 2.7: 4 + 0.7 × 3 = 6.1; rank 2.85: 4 + 0.85 × 3 = 6.55.
        #expect(stats.p90.description == "6.1")
        #expect(stats.p95.description == "6.55")
    }

    @Test func meanRoundsHalfAwayFromZero() {
        #expect(ExactSeconds(numerator: 2, denominator: 3).description == "0.67")
        #expect(ExactSeconds(numerator: 1, denominator: 8).description == "0.13")
        #expect(ExactSeconds(numerator: -1, denominator: 8).description == "-0.13")
        #expect(Fraction(part: 2, of: 3).description == "0.6667")
        #expect(Fraction(part: 3, of: 3).description == "1")
    }

    @Test func aSingleValueIsItsOwnPercentiles() throws {
        let stats = try #require(IntervalStatistics([9_060]))
        #expect([stats.mean, stats.median, stats.p90, stats.p95] == Array(repeating: ExactSeconds(seconds: 9_060), count: 4))
        #expect(IntervalStatistics([]) == nil)
    }
}
