/// The report's output format, picked by the `--out` file's extension.
public enum ReportFormat: String, Sendable, CaseIterable {
    case html
    case csv
    case json
    case markdown = "md"

    /// The format for `path`'s extension (`.html`, `.csv`, `.json`, `.md`, any case); `nil` otherwise.
    public init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        self.init(rawValue: name[name.index(after: dot)...].lowercased())
    }

    /// The report rendered in this format, as the text to write (UTF-8).
    public func render(_ report: DiscrepancyReport) -> String {
        switch self {
        case .html: HTMLReportRenderer().render(report)
        case .csv: CSVReportRenderer().render(report)
        case .json: JSONReportRenderer().json(report).serialized() + "\n"
        case .markdown: MarkdownReportRenderer().render(report)
        }
    }
}
