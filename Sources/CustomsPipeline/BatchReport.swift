public import CustomsCore

/// The outcome of `customs validate` over a batch: per-file results, cross-declaration findings
/// and the summary, with the `--max-findings` cap applied.
public struct BatchReport: Sendable {
    public var files: [FileResult]
    /// Findings about two declarations (mirror.*), not about one file.
    public var crossFindings: [Finding]
    public var strict: Bool

    public init(files: [FileResult], crossFindings: [Finding] = [], strict: Bool = false, maxFindings: Int? = nil) {
        self.files = files
        self.crossFindings = crossFindings
        self.strict = strict
        if let maxFindings { cap(at: maxFindings) }
    }

    public var allFindings: [Finding] { files.flatMap(\.findings) + crossFindings }

    public func count(_ severity: Severity) -> Int {
        allFindings.filter { $0.severity == severity }.count
    }

    /// 0 nothing at error severity (with `strict`, nothing at warning either); 1 otherwise.
    public var exitStatus: Int32 {
        let threshold: Severity = strict ? .warning : .error
        return allFindings.contains { $0.severity >= threshold && $0.rule != "findings.capped" } ? 1 : 0
    }

    /// Keeps the first `limit` findings (in file order) and says where the cap cut with a
    /// `findings.capped` finding, so nothing is dropped silently.
    private mutating func cap(at limit: Int) {
        var remaining = max(0, limit)
        var cut = 0
        var cutFile: String?
        for index in files.indices {
            let findings = files[index].findings
            if findings.count <= remaining {
                remaining -= findings.count
                continue
            }
            cut += findings.count - remaining
            if cutFile == nil { cutFile = files[index].file }
            files[index].findings = Array(findings.prefix(remaining))
            remaining = 0
        }
        if crossFindings.count > remaining {
            cut += crossFindings.count - remaining
            crossFindings = Array(crossFindings.prefix(remaining))
        }
        if cut > 0 {
            let finding = Finding(
                rule: "findings.capped",
                message: "\(cut) more findings were not listed (--max-findings \(limit)); the cap cut from \(cutFile ?? "the cross-declaration findings") on",
                file: cutFile)
            if let cutFile, let index = files.firstIndex(where: { $0.file == cutFile }) {
                files[index].findings.append(finding)
            } else {
                crossFindings.append(finding)
            }
        }
    }
}
