import ArgumentParser
import CustomsCore
import CustomsPipeline
import CustomsTiming

enum TimingFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case csv
}

struct TimingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timing",
        abstract: "Clearance intervals per declaration and statistics per group (WCO Time Release Study).",
        discussion: """
            Intervals arrivalToLodgement, lodgementToAcceptance, acceptanceToRelease, lodgementToRelease, \
            arrivalToRelease, releaseToExit in whole seconds, in calendar time and in working time \
            (working days of the declaring authority; rail crossings open 24/7; road crossings closed \
            on public holidays of either country). Groups: border crossing × transport mode × risk channel. \
            json: {"declarations", "groups", "findings"}; csv: one row per declaration.
            """
    )

    @Argument(help: ArgumentHelp("Files and folders to read (optional with --db).", valueName: "PATH"))
    var paths: [String] = []

    @Option(help: "Output form: text, json or csv.")
    var format: TimingFormat = .text

    @Flag(help: "Fail (exit 1) on warnings too.")
    var strict = false

    @OptionGroup var reading: ReadingOptions
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if paths.isEmpty && storeOptions.db == nil {
            throw ValidationError("give at least one PATH (a file or folder of declarations or event logs), or --db FILE")
        }
    }

    func run() throws {
        let files = try FileDiscovery.files(in: paths)
        let store = try storeOptions.open()
        var configuration = try reading.configuration()
        // Without a store the timings need only the declarations' cross-file form, read back in
        // blocks from the spill: a 1 GB manifest is timed in bounded memory.
        let spill = SpillSetup.configure(&configuration, hasStore: store != nil)
        var results = BatchRunner(configuration: configuration).run(files, progress: Diagnostics.progressBar(total: files.count))
        var timed = results
        if let store {
            // Store what was read, then time everything stored: events received in another run
            // join their declaration by id.
            try StoreStage.record(&results, store: store)
            var stored = FileResult(file: store.path)
            do { stored.declarations = DeclarationList(try store.latestDeclarations()) } catch { throw PipelineError(error.description) }
            timed = [stored]
        }
        SpillSetup.warnIfRefused(spill)
        guard let report = BatchTiming.report(timed, configuration: configuration) else {
            throw PipelineError("no timing data was loaded")
        }
        // The timing findings as validate files them (the stage's own, and those raised where the
        // times were read), capped like validate's.
        let capped = BatchReport(
            files: results.map { result in
                var result = result
                result.findings = result.findings.filter { RuleCatalogue.descriptor($0.rule)?.layer == .timing }
                return result
            },
            // A spilled declaration that could not be read back is never timed silently.
            crossFindings: spill?.lossFindings ?? [],
            strict: strict, maxFindings: reading.maxFindings)
        let findings = capped.allFindings
        let unreadable = results.filter { $0.declarations.isEmpty && $0.findings.contains { $0.severity == .error } }
        switch format {
        case .json: print(report.json(findings: findings).serialized())
        case .csv: print(report.csv, terminator: "")
        case .text:
            print(report.text(findings: findings, line: \.textLine), terminator: "")
            if !unreadable.isEmpty {
                print("\(unreadable.count) file\(unreadable.count == 1 ? "" : "s") gave no declaration (see customs validate).")
            }
        }
        if capped.exitStatus != 0 { throw ExitCode(capped.exitStatus) }
    }
}
