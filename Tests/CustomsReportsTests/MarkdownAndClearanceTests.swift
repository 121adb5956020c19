@testable import CustomsReports
import Testing

@Suite struct MarkdownAndClearanceTests {
    @Test func markdownCellsCannotBreakTheTable() {
        #expect(MarkdownReportRenderer.escape("a | b") == "a \\| b")
        #expect(MarkdownReportRenderer.escape("x\ny") == "x y")
        #expect(MarkdownReportRenderer.escape("<b>*c*</b>") == "\\<b\\>\\*c\\*\\</b\\>")
    }

    @Test func percentilesInterpolateBetweenClosestRanks() {
        let series = ClearanceSeries(borderCrossing: "x", interval: "acceptanceToRelease", seconds: [40, 10, 30, 20], targetSeconds: 25)
        #expect(series.seconds == [10, 20, 30, 40])
        #expect(series.median == 25)
        #expect(series.p90 == 37)
        #expect(series.withinTarget == 0.5)
        #expect(ClearanceSeries(borderCrossing: "x", interval: "i", seconds: [], targetSeconds: 1).median == nil)
    }

    @Test func durationsReadLikeClocks() {
        #expect(ReportText.duration(14_400) == "4 h")
        #expect(ReportText.duration(7_015) == "1 h 57 min")
        #expect(ReportText.duration(45) == "45 s")
    }
}
