import CustomsCore
import CustomsReconcile

/// The Markdown form of a report: a summary and tables to paste into a ticket.
///
/// Every value is escaped: pipes cannot break a table, and `*`, `_`, `` ` ``, brackets and angle
/// brackets in a declaration's text cannot turn into formatting, links or HTML.
public struct MarkdownReportRenderer: Sendable {
    /// Findings listed per rule; the rest are counted.
    public var findingsPerRule = 20
    /// Pairs with discrepancies listed in full; the rest are counted.
    public var pairsShown = 50

    public init() {}

    public func render(_ report: DiscrepancyReport) -> String {
        var lines: [String] = ["# Customs discrepancy report", ""]
        let s = report.summary
        lines += [
            "| files | declarations | reconciled | pairs | pairs with discrepancies | exports without counterpart | errors | warnings | infos |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            "| \(s.files) | \(s.declarations) | \(s.reconciledDeclarations) | \(s.pairs) | \(s.pairsWithDiscrepancies) | \(s.unmatched) | \(s.errors) | \(s.warnings) | \(s.infos) |",
            "", "## Findings by layer", "", "| layer | errors | warnings | infos |", "|---|---:|---:|---:|",
        ]
        lines += s.layers.map { "| \(Self.escape($0.layer)) | \($0.errors) | \($0.warnings) | \($0.infos) |" }
        lines += ["", "## Mirror discrepancies", "", tolerances(report.tolerances), ""]
        lines += pairs(report)
        lines += rules(report)
        lines += clearance(report.clearance)
        return lines.joined(separator: "\n") + "\n"
    }

    private func tolerances(_ settings: ReconcileSettings) -> String {
        "Tolerances: mass \(ReportText.percent(settings.massTolerance)), quantity \(ReportText.percent(settings.quantityTolerance)), "
            + "value \(ReportText.percent(settings.valueAllowance)) (CIF/FOB allowance), packages "
            + (settings.packageTolerance == 0 ? "exact" : ReportText.percent(settings.packageTolerance))
            + ", HS subheadings and containers must agree."
    }

    private func pairs(_ report: DiscrepancyReport) -> [String] {
        var lines: [String] = []
        let flagged = report.pairs.filter(\.hasDiscrepancy)
        for pair in flagged.prefix(pairsShown) {
            lines += [
                "### \(Self.escape(side(pair.export))) ↔ \(Self.escape(side(pair.counterpart)))", "",
                "Matched by \(Self.escape(pair.matchedBy.joined(separator: ", "))).", "",
                "| measure | export | counterpart | difference | tolerance | |", "|---|---:|---:|---:|---:|---|",
            ]
            for difference in pair.differences {
                let measure = difference.measure + (difference.unit.map { " (\($0))" } ?? "")
                lines.append("| \(Self.escape(measure)) | \(Self.escape(ReportText.value(difference.export))) | "
                    + "\(Self.escape(ReportText.value(difference.counterpart))) | "
                    + "\(difference.relativeDifference.map(ReportText.percent) ?? (difference.exceedsTolerance ? "differs" : "same")) | "
                    + "\(difference.tolerance.map(ReportText.tolerance) ?? "must agree") | "
                    + "\(difference.exceedsTolerance ? "**beyond tolerance** (\(Self.escape(difference.rule)))" : "ok") |")
            }
            lines.append("")
        }
        if flagged.count > pairsShown { lines += ["\(flagged.count - pairsShown) more pairs with discrepancies are in the HTML, CSV and JSON reports.", ""] }
        let agreeing = report.pairs.count - flagged.count
        lines += ["\(agreeing) pair\(agreeing == 1 ? " agrees" : "s agree") within the tolerances.", ""]
        if !report.unmatched.isEmpty {
            lines += ["Exports without counterpart: " + report.unmatched.prefix(pairsShown).map { Self.escape(side($0)) }.joined(separator: ", ")
                + (report.unmatched.count > pairsShown ? " and \(report.unmatched.count - pairsShown) more." : "."), ""]
        }
        return lines
    }

    private func side(_ reference: DeclarationReference) -> String {
        "\(reference.direction ?? "declaration") \(reference.label)" + (reference.declaringCountry.map { " (\($0))" } ?? "")
    }

    private func rules(_ report: DiscrepancyReport) -> [String] {
        var lines = ["## Findings by rule", ""]
        guard !report.ruleGroups.isEmpty else { return lines + ["No findings.", ""] }
        lines += ["| rule | layer | severity | findings | description |", "|---|---|---|---:|---|"]
        lines += report.ruleGroups.map { group in
            "| `\(group.rule.replacingOccurrences(of: "`", with: "'"))` | \(Self.escape(group.layer)) | \(group.severity.rawValue) | \(group.findings.count) | \(Self.escape(group.description ?? "")) |"
        }
        lines.append("")
        for group in report.ruleGroups {
            lines += ["### \(Self.escape(group.rule)) (\(group.findings.count))", "", "| severity | message | declaration | location | field |", "|---|---|---|---|---|"]
            for finding in group.findings.prefix(findingsPerRule) {
                let declaration = [finding.declaration, finding.counterpart.map { "↔ " + $0 }].compactMap { $0 }.joined(separator: " ")
                lines.append("| \(finding.severity.rawValue) | \(Self.escape(finding.message)) | \(Self.escape(declaration)) | "
                    + "\(Self.escape(ReportText.location(finding))) | \(Self.escape(finding.field ?? "")) |")
            }
            if group.findings.count > findingsPerRule {
                lines.append("")
                lines.append("\(group.findings.count - findingsPerRule) more \(Self.escape(group.rule)) findings are in the CSV and JSON reports.")
            }
            lines.append("")
        }
        return lines
    }

    private func clearance(_ series: [ClearanceSeries]) -> [String] {
        var lines = ["## Clearance time", ""]
        guard let first = series.first else { return lines + ["No declaration carries the milestones of a clearance interval.", ""] }
        lines += [
            "Acceptance (or lodgement) to release; target \(ReportText.duration(first.targetSeconds)).", "",
            "| border crossing | declarations | median | p90 | within target | lacking a milestone |", "|---|---:|---:|---:|---:|---:|",
        ]
        for item in series {
            lines.append("| \(Self.escape(item.borderCrossing)) | \(item.seconds.count) | \(item.median.map(ReportText.duration) ?? "–") | "
                + "\(item.p90.map(ReportText.duration) ?? "–") | \(item.withinTarget.map(ReportText.share) ?? "–") | \(item.missing) |")
        }
        return lines + [""]
    }

    /// Escapes text for a Markdown table cell or heading.
    public static func escape(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "\\", "|", "*", "_", "`", "[", "]", "<", ">", "#": output += "\\" + String(character)
            case "\n", "\r", "\r\n": output += " "
            default: output.append(character)
            }
        }
        return output
    }
}
