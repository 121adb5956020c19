import CustomsCore
import CustomsReconcile

/// The CSV form of a report: one row per finding, for filtering in a spreadsheet.
///
/// UTF-8 with a byte order mark (so Excel reads Cyrillic and Chinese), CRLF line ends, every cell
/// quoted. A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading apostrophe, so a spreadsheet never runs it as a formula; numeric columns (`line`, `row`,
/// the compared values, `relative_difference`, `tolerance`) stay plain numbers.
public struct CSVReportRenderer: Sendable {
    public static let header = [
        "severity", "rule", "layer", "message", "file", "line", "row", "column", "field", "declaration", "counterpart",
        "exporter", "importer", "measure", "export_value", "counterpart_value", "unit", "relative_difference", "tolerance",
    ]

    public init() {}

    public func render(_ report: DiscrepancyReport) -> String {
        var output = "\u{FEFF}"
        output += Self.header.map(Self.quoted).joined(separator: ",") + "\r\n"
        for group in report.ruleGroups {
            for finding in group.findings {
                output += row(finding, layer: group.layer, report: report).joined(separator: ",") + "\r\n"
            }
        }
        return output
    }

    private func row(_ finding: Finding, layer: String, report: DiscrepancyReport) -> [String] {
        let difference = report.pairIndex(of: finding).flatMap { index in
            report.pairs[index].differences.first { $0.finding == finding }
        }
        // The parties of the declaration the finding names; for mirror findings, of the pair's export.
        let parties = report.declaration(of: finding) ?? report.pairIndex(of: finding).map { report.pairs[$0].export }
        let column: String? = switch finding.column {
        case let .number(number): String(number)
        case let .name(name): name
        case nil: nil
        }
        return [
            Self.text(finding.severity.rawValue), Self.text(finding.rule), Self.text(layer), Self.text(finding.message),
            Self.text(finding.file), Self.number(finding.line.map(String.init)), Self.number(finding.row.map(String.init)),
            Self.text(column), Self.text(finding.field), Self.text(finding.declaration), Self.text(finding.counterpart),
            Self.text(parties?.exporterName), Self.text(parties?.importerName), Self.text(difference?.measure), cell(difference?.export), cell(difference?.counterpart), Self.text(difference?.unit),
            Self.number(difference?.relativeDifference.map(ReportText.fraction)),
            Self.number(difference?.tolerance.map(ReportText.fraction)),
        ]
    }

    private func cell(_ value: MirrorDifference.Value?) -> String {
        switch value {
        case let .number(number)?: Self.number(ExactDecimal.format(number))
        case let .text(text)?: Self.text(text)
        case nil: Self.quoted("")
        }
    }

    /// A text cell, escaped against formula injection, then quoted.
    public static func text(_ value: String?) -> String {
        guard let value else { return quoted("") }
        guard let first = value.unicodeScalars.first, formulaStarts.contains(first) else { return quoted(value) }
        return quoted("'" + value)
    }

    /// A numeric cell: the number's exact text, quoted but never escaped (a negative number stays a number).
    static func number(_ value: String?) -> String { quoted(value ?? "") }

    static func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The characters that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
}
