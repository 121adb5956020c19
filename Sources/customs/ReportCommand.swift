import ArgumentParser
import CustomsCore
import CustomsPipeline
import CustomsReconcile
import CustomsReports
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a discrepancy report: summary, mirror discrepancies, findings by rule, clearance times.",
        discussion: """
            The extension of --out picks the format: .html (one self-contained page that opens offline), \
            .csv (one row per finding, UTF-8 with BOM, Excel-safe), .json (Schemas/report.schema.json) or \
            .md (Markdown tables for a ticket). With --db, the mirror pairs and clearance times cover \
            everything stored; the findings by rule are those of the files read now and of the pairs. \
            Exit status as validate: 1 when a finding is at error severity (with --strict: at warning).
            """
    )

    @Argument(help: ArgumentHelp("Files and folders with declarations (optional with --db).", valueName: "PATH"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("The report file to write: .html, .csv, .json or .md.", valueName: "FILE"))
    var out: String

    @Flag(help: "Fail (exit 1) on warnings too.")
    var strict = false

    @OptionGroup var reading: ReadingOptions
    @OptionGroup var mirror: MirrorOptions
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if paths.isEmpty && storeOptions.db == nil { throw ValidationError("give PATH... or --db FILE") }
        if ReportFormat(path: out) == nil {
            throw ValidationError("--out \(out): unknown report format; the file name must end in .html, .csv, .json or .md")
        }
        // Said before the batch is read, not after minutes of work.
        let folder = URL(fileURLWithPath: out).deletingLastPathComponent().path
        if !FileDiscovery.isDirectory(folder) {
            throw ValidationError("--out \(out): the folder \(folder) does not exist; create it first")
        }
    }

    func run() throws {
        guard let format = ReportFormat(path: out) else { throw PipelineError("--out \(out): unknown report format") }
        let files = try FileDiscovery.files(in: paths)
        let rates = try mirror.exchangeRates()
        let store = try storeOptions.open()
        let configuration = try reading.configuration()
        var results = BatchRunner(configuration: configuration).run(files, progress: Diagnostics.progressBar(total: files.count))
        let reconciler = Reconciler(rates: rates)
        let reconciliation: Reconciliation
        let reconciled: [Declaration]
        if let store {
            (reconciliation, reconciled) = try StoreStage.run(&results, store: store, reconciler: reconciler)
        } else {
            reconciled = results.flatMap(\.declarations)
            reconciliation = reconciler.reconcile(reconciled)
        }
        let batch = BatchReport(
            files: results, crossFindings: reconciliation.mirrorFindings + reconciliation.unmatchedFindings,
            strict: strict, maxFindings: reading.maxFindings)
        let input = ReportInput(
            files: batch.files.map { ReportInput.File(path: $0.file, format: $0.format, declarations: Array($0.declarations), findings: $0.findings) },
            crossFindings: batch.crossFindings, reconciliation: reconciliation, reconciledDeclarations: reconciled,
            settings: reconciler.comparison.settings,
            clearance: BatchTiming.report(results, configuration: configuration).map(TimingClearance.series))
        let report = ReportBuilder.build(input)
        do {
            try Data(format.render(report).utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw PipelineError("--out \(out): cannot write the report: \(error.localizedDescription)")
        }
        let s = report.summary
        print("\(out): \(s.files) file\(s.files == 1 ? "" : "s"), \(s.declarations) declaration\(s.declarations == 1 ? "" : "s"), "
            + "\(s.pairs) pair\(s.pairs == 1 ? "" : "s") (\(s.pairsWithDiscrepancies) with discrepancies), \(s.unmatched) unmatched export\(s.unmatched == 1 ? "" : "s"); "
            + "\(s.errors) error\(s.errors == 1 ? "" : "s"), \(s.warnings) warning\(s.warnings == 1 ? "" : "s"), \(s.infos) info\(s.infos == 1 ? "" : "s")")
        if batch.exitStatus != 0 { throw ExitCode(batch.exitStatus) }
    }
}
