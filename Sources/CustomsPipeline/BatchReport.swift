public import CustomsCore

/// The outcome of `customs validate` over a batch: per-file results, cross-declaration findings
/// and the summary, with the `--max-findings` cap applied.
public struct BatchReport: Sendable {
    /// Read-only once made: the validity of a file not cut by the cap is judged from its findings here.
    public private(set) var files: [FileResult]
    /// Findings about two declarations (mirror.*), not about one file.
    public var crossFindings: [Finding]
    public let strict: Bool
    /// The validity tests of the files the `--max-findings` cap cut (by a declaration's key and
    /// format), and the exit status, judged on every finding before the cap: a cap shortens the
    /// list, never the verdict.
    private var cutValidities: [Int: @Sendable (_ key: String, _ sourceFormat: String) -> Bool] = [:]
    private let failing: Bool
    /// Findings per severity before the cap (the summary counts every finding, listed or not).
    private let totals: SeverityCounts

    public init(files: [FileResult], crossFindings: [Finding] = [], strict: Bool = false, maxFindings: Int? = nil) {
        self.files = files
        self.crossFindings = crossFindings
        self.strict = strict
        let threshold: Severity = strict ? .warning : .error
        let fails = { (finding: Finding) in finding.severity >= threshold && finding.rule != "findings.capped" }
        // By index: a copy of a file's result retains all it holds.
        var failing = crossFindings.contains(where: fails)
        var totals = SeverityCounts()
        for index in files.indices {
            for finding in files[index].findings {
                totals.count(finding.severity)
                if !failing && fails(finding) { failing = true }
            }
        }
        for finding in crossFindings { totals.count(finding.severity) }
        self.failing = failing
        self.totals = totals
        if let maxFindings { cap(at: maxFindings) }
    }

    /// The validity test of the declarations of `files[index]`.
    public func validity(ofFileAt index: Int) -> @Sendable (Declaration) -> Bool {
        let test = identityValidity(ofFileAt: index)
        return { test($0.key, $0.sourceFormat) }
    }

    /// ``validity(ofFileAt:)`` by what it looks at: a declaration's key and source format.
    func identityValidity(ofFileAt index: Int) -> @Sendable (_ key: String, _ sourceFormat: String) -> Bool {
        if !cutValidities.isEmpty, let cut = cutValidities[index] { return cut }
        return FileResult.identityValidity(of: files[index].findings, strict: strict)
    }

    public var allFindings: [Finding] { files.flatMap(\.findings) + crossFindings }

    /// Findings of this severity in the batch, counted before the `--max-findings` cap (the
    /// `findings.capped` notes the cap adds are not counted).
    public func count(_ severity: Severity) -> Int {
        totals[severity]
    }

    /// 0 nothing at error severity (with `strict`, nothing at warning either); 1 otherwise.
    public var exitStatus: Int32 {
        failing ? 1 : 0
    }

    /// Keeps the first `limit` findings of each file (in file order), and of the
    /// cross-declaration findings, and says where each cap cut with a `findings.capped`
    /// finding on that file, so nothing is dropped silently.
    private mutating func cap(at limit: Int) {
        let limit = max(0, limit)
        for index in files.indices {
            let findings = files[index].findings
            guard findings.count > limit else { continue }
            cutValidities[index] = FileResult.identityValidity(of: files[index].findings, strict: strict)
            files[index].findings = Array(findings.prefix(limit))
            files[index].findings.append(Self.capped(findings.dropFirst(limit), limit: limit, file: files[index].file))
        }
        if crossFindings.count > limit {
            let dropped = crossFindings.dropFirst(limit)
            crossFindings = Array(crossFindings.prefix(limit))
            crossFindings.append(Self.capped(dropped, limit: limit, file: nil))
        }
    }

    /// The `findings.capped` finding for the findings a cap dropped, located at the first one.
    private static func capped(_ dropped: ArraySlice<Finding>, limit: Int, file: String?) -> Finding {
        let first = dropped.first
        var place: [String] = []
        if let line = first?.line { place.append("line \(line)") } else if let row = first?.row { place.append("row \(row)") }
        if let declaration = first?.declaration { place.append("declaration \(declaration)") }
        let errors = dropped.filter { $0.severity == .error }.count
        let scope = file == nil ? "among the cross-declaration findings" : "in this file (the cap applies per file)"
        let from = place.isEmpty ? "" : ", cut from \(place.joined(separator: ", ")) on"
        return Finding(
            rule: "findings.capped",
            message: dropped.count == 1
                ? "1 more finding was not listed (--max-findings \(limit)) \(scope)\(from); it is \(errors == 1 ? "an error" : "not an error")"
                : "\(dropped.count) more findings were not listed (--max-findings \(limit)) \(scope)\(from); \(errors) of them error\(errors == 1 ? "" : "s")",
            file: file, line: first?.line, row: first?.row, declaration: first?.declaration)
    }
}
