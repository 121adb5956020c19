public import CustomsCore
public import CustomsTiming

/// Runs the clearance-timing stage over the declarations of a batch and files its findings with
/// the file that holds each declaration (by the declaration's file and key), so `validate`
/// reports them beside the declaration's other findings.
public enum BatchTiming {
    /// The timing report of a batch; `nil` when the configuration carries no timing data.
    /// `looseEvents` are events keyed by declaration id read apart from their declaration
    /// (event logs, customs receipts); an id that matches no declaration is timed alone.
    public static func report(
        _ results: [FileResult], configuration: PipelineConfiguration, looseEvents: [String: [Event]] = [:]
    ) -> TimingReport? {
        guard let data = configuration.timing else { return nil }
        let (declarations, loose) = timed(results, looseEvents: looseEvents)
        return TimingStage(data: data).run(reading: declarations, looseEvents: loose)
    }

    /// The declarations to time (copies counted once) and the events that join them by id.
    /// No declaration is copied: the selection reads them from their file results (timing reads
    /// no goods item, so spilled declarations are read without them).
    /// `latest`: the positions of the latest copies in the batch, when already known.
    /// `batch`: the headers of the batch's declarations, when already gathered.
    static func timed(
        _ results: [FileResult], looseEvents: [String: [Event]], batch known: BatchDeclarations.Headers? = nil, latest: [Int]? = nil
    ) -> (DeclarationSelection<BatchDeclarations.Headers>, [String: [Event]]) {
        var loose = looseEvents
        let batch = known ?? BatchDeclarations(results).headers
        let latest = latest ?? DeclarationCopies.latestIndices(batch)
        // Event logs are looked for only in files whose message types include one (a spilled
        // file is read in blocks, in order).
        var isLatest = [Bool](repeating: false, count: batch.count)
        for position in latest { isLatest[position] = true }
        var eventLogs: [Int: (key: String, events: [Event])] = [:]
        var start = 0
        // By index: a copy of a file's result retains all it holds.
        for index in results.indices {
            defer { start += results[index].declarations.count }
            guard results[index].declarations.holdsMessageType(of: eventLogTypes) else { continue }
            for (offset, declaration) in results[index].declarations.headers.enumerated() where isLatest[start + offset] {
                if let key = eventLogKey(declaration) { eventLogs[start + offset] = (key, declaration.events) }
            }
        }
        guard !eventLogs.isEmpty else { return (DeclarationSelection(batch, positions: latest), loose) }
        var positions: [Int] = []
        for position in latest {
            // In the order of the copies, as the events of one id were always joined.
            if let log = eventLogs[position] { loose[log.key, default: []] += log.events } else { positions.append(position) }
        }
        return (DeclarationSelection(batch, positions: positions), loose)
    }

    /// Copies of one declaration (the same file in two encodings) are timed once.
    /// Messages that only carry milestones of a declaration filed elsewhere: an events CSV
    /// (`messageType` `events`, by `declaration_id`) and an NCTS release for transit (CC029C, by
    /// the LRN of the transit declaration it releases, else its MRN). Their events join that
    /// declaration by id.
    static let eventLogTypes: Set<String> = ["events", "CC029C"]

    static func eventLogKey(_ declaration: Declaration) -> String? {
        switch declaration.messageType {
        case "events": declaration.id
        case "CC029C": declaration.asFiled["LRN"] ?? declaration.id
        default: nil
        }
    }

    /// The timing findings of the `timed` declarations from what each file found as it was read
    /// (``NotedTiming``), in the order ``CustomsTiming/TimingStage/findings(declarations:looseEvents:jobs:)``
    /// gives them: `nil` unless every file timed each of its declarations, or when events of an
    /// event log join a declaration (they change its timing).
    static func noted(
        _ results: [FileResult], timed: DeclarationSelection<BatchDeclarations.Headers>, looseEvents: [String: [Event]]
    ) -> [Finding]? {
        guard looseEvents.isEmpty else { return nil }
        var lists: [NotedTiming] = []
        var starts: [Int] = []
        var count = 0
        for index in results.indices {
            guard let noted = results[index].declarations.notedTiming, noted.count == results[index].declarations.count else { return nil }
            lists.append(noted)
            starts.append(count)
            count += noted.count
        }
        guard lists.contains(where: { !$0.isEmpty }) else { return [] }
        var findings: [Finding] = []
        for position in timed.positions {
            // The last file whose start is at or before `position`.
            var low = 0
            var high = lists.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if starts[middle] <= position { low = middle } else { high = middle - 1 }
            }
            let local = position - starts[low]
            guard lists[low].hasFindings(at: local) else { continue }
            // Read for its key only (few declarations have timing findings).
            findings += lists[low].findings(at: local, key: timed.base[position].key)
        }
        return findings
    }

    /// Adds the timing findings to the file results they belong to; findings about event logs
    /// whose declaration is in no file have no file and are returned. `batch` and `latest`: the
    /// headers of the batch's declarations and the positions of their latest copies, when known.
    @discardableResult
    public static func attach(
        _ results: inout [FileResult], configuration: PipelineConfiguration,
        batch: BatchDeclarations.Headers? = nil, latest: [Int]? = nil
    ) -> [Finding] {
        guard let data = configuration.timing else { return [] }
        // Only the findings are filed: the intervals of each declaration are not kept.
        let (declarations, loose) = timed(results, looseEvents: [:], batch: batch, latest: latest)
        let findings = noted(results, timed: declarations, looseEvents: loose)
            ?? TimingStage(data: data).findings(declarations: declarations, looseEvents: loose, jobs: configuration.jobs)
        guard !findings.isEmpty else { return [] }
        var indexByFile: [String: Int] = [:]
        for index in results.indices {
            // A finding names its declaration's source file: normally the result's own path.
            for file in [results[index].file] + results[index].declarations.sourceFiles where indexByFile[file] == nil {
                indexByFile[file] = index
            }
        }
        var unfiled: [Finding] = []
        // Declarations whose adapter already noted an assumed zone, per file.
        var zoneNoted: [Int: Set<String>] = [:]
        for index in results.indices {
            for finding in results[index].findings where finding.rule == "timing.zone-assumed" {
                zoneNoted[index, default: []].insert(finding.declaration ?? "")
            }
        }
        for finding in findings {
            if let file = finding.file, let index = indexByFile[file] {
                // An adapter that read a time without offset already said so, with its line.
                let repeated = finding.rule == "timing.zone-assumed"
                    && zoneNoted[index]?.contains(finding.declaration ?? "") == true
                if !repeated { results[index].findings.append(finding) }
            } else {
                unfiled.append(finding)
            }
        }
        return unfiled
    }
}
