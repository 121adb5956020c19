/// The clearance-time chart of one border crossing as inline SVG: a histogram of the intervals,
/// each interval as a tick below it (up to ``dotLimit``), the median, the 90th percentile and the
/// target marked by vertical lines.
struct HTMLClearanceChart {
    var width = 720.0
    var height = 220.0
    var bins = 24
    /// More intervals than this are drawn as the histogram only.
    var dotLimit = 300

    private let left = 44.0
    private let right = 16.0
    /// Room above the plot for the three marker labels, one row each, so they never cover a bar.
    private let top = 50.0
    private let bottom = 40.0

    func svg(_ series: ClearanceSeries) -> String {
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        // The axis ends past the target and the 99th percentile: a long tail must not squeeze the
        // bulk of the distribution into a corner. Longer intervals are counted in the last bar.
        let largest = max(min(series.seconds.last ?? 0, series.percentile(0.99) ?? 0), series.targetSeconds, series.p90 ?? 0)
        let step = tickStep(for: Double(largest) * 1.1)
        let maxSeconds = (Double(largest) * 1.1 / step).rounded(.up) * step
        func x(_ seconds: Double) -> Double { left + min(seconds, maxSeconds) / maxSeconds * plotWidth }
        var counts = Array(repeating: 0, count: bins)
        var beyond = 0
        for value in series.seconds {
            if Double(value) > maxSeconds { beyond += 1 }
            counts[min(bins - 1, Int(Double(value) / maxSeconds * Double(bins)))] += 1
        }
        let tallest = max(counts.max() ?? 0, 1)
        let label = "Clearance times at \(series.borderCrossing): \(series.seconds.count) intervals"
        var svg = "<svg viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(label))\">"
        svg += "<title>\(HTMLText.escape(label))</title>"
        // Axes and ticks.
        let baseline = top + plotHeight
        svg += line(left, baseline, width - right, baseline, stroke: "#98a2b3")
        var tick = 0.0
        while tick <= maxSeconds + 0.5 {
            svg += line(x(tick), baseline, x(tick), baseline + 4, stroke: "#98a2b3")
            svg += text(x(tick), baseline + 16, hours(tick), anchor: "middle")
            tick += step
        }
        svg += text(left + plotWidth / 2, height - 6, "hours from acceptance (or lodgement) to release"
            + (beyond > 0 ? "; the last bar includes \(beyond) longer than \(hours(maxSeconds))" : ""), anchor: "middle")
        svg += text(left - 6, top + 4, String(tallest), anchor: "end")
        svg += line(left - 3, top, left, top, stroke: "#98a2b3")
        svg += text(left - 6, baseline, "0", anchor: "end")
        // Histogram.
        let binWidth = plotWidth / Double(bins)
        for (index, count) in counts.enumerated() where count > 0 {
            let barHeight = Double(count) / Double(tallest) * plotHeight
            svg += "<rect x=\"\(f(left + Double(index) * binWidth + 1))\" y=\"\(f(baseline - barHeight))\" width=\"\(f(binWidth - 2))\" height=\"\(f(barHeight))\" fill=\"#84adff\"><title>\(count) in this range</title></rect>"
        }
        // Each interval as a short tick on the axis when there are few.
        if series.seconds.count <= dotLimit {
            for value in series.seconds {
                svg += line(x(Double(value)), baseline - 7, x(Double(value)), baseline, stroke: "#1849a9")
            }
        }
        // Median, p90 and target.
        var marks: [(String, Int64, String, String)] = [("target " + ReportText.duration(series.targetSeconds), series.targetSeconds, "#b42318", "6 3")]
        if let p90 = series.p90 { marks.append(("p90 " + ReportText.duration(p90), p90, "#b54708", "3 2")) }
        if let median = series.median { marks.append(("median " + ReportText.duration(median), median, "#101828", "")) }
        // Lines first, then the labels, so each label's white halo stays above every line.
        var labels = ""
        for (index, mark) in marks.enumerated() {
            let position = x(Double(mark.1))
            let labelY = 12 + Double(index) * 14
            svg += "<line x1=\"\(f(position))\" y1=\"\(f(labelY - 9))\" x2=\"\(f(position))\" y2=\"\(f(baseline))\" stroke=\"\(mark.2)\" stroke-width=\"2\""
                + (mark.3.isEmpty ? "" : " stroke-dasharray=\"\(mark.3)\"") + "></line>"
            // A label goes right of its line, unless it would run past the plot or across another mark's line.
            let labelWidth = Double(mark.0.count) * 6.5 + 5
            let others = marks.map { x(Double($0.1)) }.filter { $0 != position }
            let crosses = others.contains { $0 > position && $0 < position + labelWidth }
            let fitsLeft = position - labelWidth >= 0
            let anchor = (position + labelWidth > width || crosses) && fitsLeft ? "end" : "start"
            labels += text(position + (anchor == "end" ? -5 : 5), labelY, mark.0, anchor: anchor, fill: mark.2)
        }
        return svg + labels + "</svg>"
    }

    /// A tick step in seconds giving at most about eight ticks.
    private func tickStep(for span: Double) -> Double {
        let hourSteps = [0.25, 0.5, 1, 2, 3, 4, 6, 12, 24, 48, 96, 168, 336, 720]
        for step in hourSteps where span / (step * 3600) <= 8 { return step * 3600 }
        return (span / 8 / 3600).rounded(.up) * 3600
    }

    private func hours(_ seconds: Double) -> String {
        let value = seconds / 3600
        return value == value.rounded() ? "\(Int(value)) h" : f(value) + " h"
    }

    private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String) -> String {
        "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\"></line>"
    }

    private func text(_ x: Double, _ y: Double, _ content: String, anchor: String, fill: String? = nil) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\"" + (fill.map { " style=\"fill:\($0)\"" } ?? "") + ">\(HTMLText.escape(content))</text>"
    }

    /// A coordinate with at most two decimals, the same on every platform.
    private func f(_ value: Double) -> String {
        let hundredths = Int64((value * 100).rounded())
        let whole = hundredths / 100
        let fraction = abs(hundredths % 100)
        if fraction == 0 { return String(whole) }
        let sign = hundredths < 0 && whole == 0 ? "-" : ""
        let digits = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0" : "") + String(fraction)
        return sign + String(whole) + "." + digits
    }
}
