import CustomsCore
import CustomsReconcile

/// The HTML form of a report: one self-contained page (inline CSS and SVG, no script, no external
/// resource) that opens offline.
///
/// Severity filters are checkboxes styled by CSS, so they work without a server or script. Large
/// batches stay usable: each rule lists its first ``findingsPerRule`` findings and counts the
/// rest; at most ``pairsShown`` pairs are drawn in full. Every text is HTML-escaped.
public struct HTMLReportRenderer: Sendable {
    public var findingsPerRule = 50
    public var pairsShown = 100
    public var unmatchedShown = 100

    public init() {}

    public func render(_ report: DiscrepancyReport) -> String {
        var page = HTMLPage(report: report, renderer: self)
        return page.render()
    }
}

/// One rendering of a page: collects the declarations its findings link to as it goes.
private struct HTMLPage {
    let report: DiscrepancyReport
    let renderer: HTMLReportRenderer
    var out = ""
    /// Pair positions drawn in full (links to others would lead nowhere).
    var shownPairs: Set<Int> = []
    /// Declarations linked from the page, listed at its end.
    var linked: Set<Int> = []

    init(report: DiscrepancyReport, renderer: HTMLReportRenderer) {
        self.report = report
        self.renderer = renderer
    }

    mutating func render() -> String {
        let s = report.summary
        out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>Customs discrepancy report</title>\n<style>\n\(HTMLStyle.css)\n</style>\n</head>\n<body>\n"
        for severity in ["error", "warning", "info"] {
            out += "<input type=\"checkbox\" class=\"toggle\" id=\"show-\(severity)\" checked>\n"
        }
        out += "<header>\n<h1>Customs discrepancy report</h1>\n<nav class=\"toc\"><a href=\"#summary\">Summary</a><a href=\"#mirror\">Mirror discrepancies</a><a href=\"#rules\">Findings by rule</a><a href=\"#clearance\">Clearance time</a><a href=\"#declarations\">Declarations</a></nav>\n"
        out += "<div class=\"filters\">Show "
        out += "<label for=\"show-error\">errors \(s.errors)</label><label for=\"show-warning\">warnings \(s.warnings)</label><label for=\"show-info\">infos \(s.infos)</label>"
        out += "</div>\n</header>\n<main>\n"
        summary()
        mirror()
        rules()
        clearance()
        declarations()
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    // MARK: Summary

    mutating func summary() {
        let s = report.summary
        out += "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n"
        let cards: [(String, Int, String)] = [
            ("files", s.files, ""), ("declarations", s.declarations, ""), ("declarations reconciled", s.reconciledDeclarations, ""),
            ("export ↔ import pairs", s.pairs, ""), ("pairs with discrepancies", s.pairsWithDiscrepancies, s.pairsWithDiscrepancies > 0 ? "warning" : ""),
            ("exports without counterpart", s.unmatched, ""),
            ("errors", s.errors, "error"), ("warnings", s.warnings, "warning"), ("infos", s.infos, "info"),
        ]
        for (label, value, kind) in cards {
            out += "<div class=\"card\(kind.isEmpty ? "" : " " + kind)\"><b>\(value)</b><span>\(e(label))</span></div>\n"
        }
        out += "</div>\n<table class=\"layers\">\n<thead><tr><th>layer</th><th class=\"num\">errors</th><th class=\"num\">warnings</th><th class=\"num\">infos</th></tr></thead>\n<tbody>\n"
        for layer in s.layers {
            out += "<tr><td>\(e(layer.layer))</td><td class=\"num\">\(layer.errors)</td><td class=\"num\">\(layer.warnings)</td><td class=\"num\">\(layer.infos)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
    }

    // MARK: Mirror pairs

    mutating func mirror() {
        let t = report.tolerances
        out += "<section id=\"mirror\">\n<h2>Mirror discrepancies</h2>\n"
        out += "<p class=\"muted\">Tolerances (relative difference |a − b| / max(|a|, |b|)): mass \(e(ReportText.percent(t.massTolerance))), "
            + "quantity \(e(ReportText.percent(t.quantityTolerance))), value \(e(ReportText.percent(t.valueAllowance))) (CIF/FOB allowance), packages "
            + "\(t.packageTolerance == 0 ? "exact" : e(ReportText.percent(t.packageTolerance))); HS subheadings and containers must agree.</p>\n"
        if report.pairs.isEmpty { out += "<p>No export was matched with an import or transit declaration.</p>\n" }
        // Pairs with discrepancies first, in reconciliation order; then the pairs that agree.
        let order = report.pairs.indices.filter { report.pairs[$0].hasDiscrepancy } + report.pairs.indices.filter { !report.pairs[$0].hasDiscrepancy }
        for index in order.prefix(renderer.pairsShown) {
            pair(index)
            shownPairs.insert(index)
        }
        if order.count > renderer.pairsShown {
            out += "<p class=\"more\">\(order.count - renderer.pairsShown) more pairs are not drawn here; the CSV and JSON reports list them all.</p>\n"
        }
        if !report.unmatched.isEmpty {
            out += "<h3>Exports without counterpart (\(report.unmatched.count))</h3>\n<p>"
            var links: [String] = []
            for declaration in report.unmatched.prefix(renderer.unmatchedShown) { links.append(declarationLink(declaration)) }
            out += links.joined(separator: ", ")
            if report.unmatched.count > renderer.unmatchedShown { out += " <span class=\"more\">and \(report.unmatched.count - renderer.unmatchedShown) more</span>" }
            out += "</p>\n"
        }
        out += "</section>\n"
    }

    mutating func pair(_ index: Int) {
        let pair = report.pairs[index]
        let severity = pair.findings.map(\.severity).max()
        out += "<article class=\"pair\(severity.map { " sev-" + $0.rawValue } ?? " agrees")\" id=\"pair-\(index + 1)\">\n"
        out += "<h3>\(declarationLink(pair.export)) ↔ \(declarationLink(pair.counterpart)) "
        out += pair.hasDiscrepancy
            ? "<span class=\"badge warning\">\(pair.findings.count) discrepanc\(pair.findings.count == 1 ? "y" : "ies")</span>"
            : "<span class=\"badge ok\">agrees</span>"
        out += "</h3>\n<p>matched by \(e(pair.matchedBy.joined(separator: ", ")))</p>\n"
        guard !pair.differences.isEmpty else {
            out += "<p>No measure could be compared (one side declares none).</p>\n</article>\n"
            return
        }
        out += "<table class=\"compare\">\n<colgroup><col class=\"measure\"><col class=\"side\"><col class=\"side\"><col class=\"gap\"><col class=\"gap\"><col></colgroup>\n"
        out += "<thead><tr><th>measure</th><th class=\"num\">export</th><th class=\"num\">\(e(pair.counterpart.direction ?? "counterpart"))</th><th class=\"num\">difference</th><th class=\"num\">tolerance</th><th>result</th></tr></thead>\n<tbody>\n"
        for difference in pair.differences {
            let measure = difference.measure + (difference.unit.map { " (\($0))" } ?? "")
            let gap = difference.relativeDifference.map(ReportText.percent) ?? (difference.exceedsTolerance ? "differs" : "same")
            out += "<tr\(difference.exceedsTolerance ? " class=\"beyond\"" : "")><td>\(e(measure))</td>"
            out += "<td class=\"num mono\">\(e(ReportText.value(difference.export)))</td><td class=\"num mono\">\(e(ReportText.value(difference.counterpart)))</td>"
            out += "<td class=\"num diff\">\(e(gap))</td><td class=\"num\">\(e(difference.tolerance.map(ReportText.tolerance) ?? "must agree"))</td>"
            out += difference.exceedsTolerance
                ? "<td><span class=\"badge warning\">beyond</span> <code>\(e(difference.rule))</code></td></tr>\n"
                : "<td><span class=\"badge ok\">ok</span></td></tr>\n"
        }
        out += "</tbody>\n</table>\n</article>\n"
    }

    // MARK: Findings by rule

    mutating func rules() {
        out += "<section id=\"rules\">\n<h2>Findings by rule</h2>\n"
        guard !report.ruleGroups.isEmpty else {
            out += "<p>No findings.</p>\n</section>\n"
            return
        }
        out += "<table>\n<thead><tr><th>rule</th><th>layer</th><th>severity</th><th class=\"num\">findings</th><th>description</th></tr></thead>\n<tbody>\n"
        for group in report.ruleGroups {
            out += "<tr class=\"sev-\(group.severity.rawValue)\"><td><a href=\"#\(HTMLText.anchor("rule", group.rule))\"><code>\(e(group.rule))</code></a></td>"
            out += "<td>\(e(group.layer))</td><td><span class=\"badge \(group.severity.rawValue)\">\(group.severity.rawValue)</span></td>"
            out += "<td class=\"num\">\(group.findings.count)</td><td>\(e(group.description ?? ""))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        for group in report.ruleGroups { rule(group) }
        out += "</section>\n"
    }

    mutating func rule(_ group: RuleGroup) {
        out += "<details class=\"rule sev-\(group.severity.rawValue)\" id=\"\(HTMLText.anchor("rule", group.rule))\" open>\n"
        out += "<summary><code>\(e(group.rule))</code> · \(group.findings.count) finding\(group.findings.count == 1 ? "" : "s")"
        if let description = group.description { out += " <span class=\"desc\">— \(e(description))</span>" }
        out += "</summary>\n<table>\n<thead><tr><th>severity</th><th>rule</th><th>message</th><th>declaration</th><th>location</th><th>field</th></tr></thead>\n<tbody>\n"
        for finding in group.findings.prefix(renderer.findingsPerRule) {
            out += "<tr class=\"sev-\(finding.severity.rawValue)\"><td><span class=\"badge \(finding.severity.rawValue)\">\(finding.severity.rawValue)</span></td>"
            out += "<td><code>\(e(finding.rule))</code></td><td>\(e(finding.message))</td><td>\(findingTarget(finding))</td>"
            out += "<td class=\"mono\">\(e(ReportText.location(finding)))</td><td class=\"mono code\">\(e(finding.field ?? ""))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if group.findings.count > renderer.findingsPerRule {
            out += "<p class=\"more\">\(group.findings.count - renderer.findingsPerRule) more <code>\(e(group.rule))</code> findings are not listed here; the CSV and JSON reports list them all.</p>\n"
        }
        out += "</details>\n"
    }

    /// Where a finding points: its pair (mirror findings), else its declaration.
    mutating func findingTarget(_ finding: Finding) -> String {
        if let index = report.pairIndex(of: finding), shownPairs.contains(index) {
            return "<a href=\"#pair-\(index + 1)\">\(e(finding.declaration ?? "pair")) ↔ \(e(finding.counterpart ?? ""))</a>"
        }
        if let declaration = report.declaration(of: finding) { return declarationLink(declaration) }
        return e([finding.declaration, finding.counterpart].compactMap { $0 }.joined(separator: " ↔ "))
    }

    mutating func declarationLink(_ declaration: DeclarationReference) -> String {
        let text = "\(declaration.direction ?? "declaration") <span class=\"mono\">\(e(declaration.label))</span>"
            + (declaration.declaringCountry.map { " (\(e($0)))" } ?? "")
        guard declaration.index >= 0 else { return text }
        linked.insert(declaration.index)
        return "<a href=\"#d-\(declaration.index + 1)\">\(text)</a>"
    }

    // MARK: Clearance

    mutating func clearance() {
        out += "<section id=\"clearance\">\n<h2>Clearance time</h2>\n"
        guard let first = report.clearance.first else {
            out += "<p>No declaration carries the milestones of a clearance interval (acceptance or lodgement, and release).</p>\n</section>\n"
            return
        }
        out += "<p class=\"muted\">From acceptance (registration; lodgement when no acceptance is recorded) to release, per border crossing; target \(e(ReportText.duration(first.targetSeconds))).</p>\n"
        out += "<p class=\"legend\"><span><i class=\"swatch\" style=\"background:#101828\"></i>median</span><span><i class=\"swatch\" style=\"background:#b54708\"></i>90th percentile</span><span><i class=\"swatch\" style=\"background:#b42318\"></i>target</span><span><i class=\"swatch\" style=\"background:#84adff;height:8px\"></i>declarations per range</span></p>\n"
        let chart = HTMLClearanceChart()
        for series in report.clearance {
            out += "<div class=\"chart\">\n<h3>\(e(series.borderCrossing))</h3>\n<p class=\"muted\">\(series.seconds.count) interval\(series.seconds.count == 1 ? "" : "s")"
            if let median = series.median, let p90 = series.p90, let within = series.withinTarget {
                out += " · median \(e(ReportText.duration(median))) · p90 \(e(ReportText.duration(p90))) · within target \(e(ReportText.share(within)))"
            }
            if series.missing > 0 { out += " · \(series.missing) declaration\(series.missing == 1 ? "" : "s") lacking a milestone" }
            out += "</p>\n"
            if !series.seconds.isEmpty { out += chart.svg(series) + "\n" }
            out += "</div>\n"
        }
        out += "</section>\n"
    }

    // MARK: Declarations

    mutating func declarations() {
        out += "<section id=\"declarations\">\n<h2>Declarations</h2>\n"
        guard !linked.isEmpty else {
            out += "<p>No declaration is linked from this page.</p>\n</section>\n"
            return
        }
        out += "<p class=\"muted\">The \(linked.count) declaration\(linked.count == 1 ? "" : "s") linked from this page, of \(report.declarations.count) read.</p>\n"
        out += "<table>\n<thead><tr><th>declaration</th><th>key</th><th>direction</th><th>country</th><th>border crossing</th><th>exporter</th><th>importer</th><th>file</th></tr></thead>\n<tbody>\n"
        for index in linked.sorted() {
            let d = report.declarations[index]
            let location = d.file + (d.line.map { ":\($0)" } ?? d.row.map { ":row \($0)" } ?? "")
            out += "<tr id=\"d-\(index + 1)\"><td class=\"mono\">\(e(d.label))</td><td class=\"mono\">\(e(d.key))</td><td>\(e(d.direction ?? ""))</td>"
            out += "<td>\(e(d.declaringCountry ?? ""))</td><td>\(e(d.borderCrossing ?? ""))</td><td>\(e(d.exporterName ?? ""))</td><td>\(e(d.importerName ?? ""))</td><td class=\"mono\">\(e(location))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
    }

    private func e(_ text: String) -> String { HTMLText.escape(text) }
}
