import ArgumentParser
import CustomsCore
import CustomsPipeline
import CustomsReconcile
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Parse, harmonize and validate every file under the paths (folders recursively).",
        discussion: "One bad file never stops the batch: what cannot be read is a finding (file.unreadable, format.unknown, ...)."
    )

    @Argument(help: ArgumentHelp("Files and folders to validate.", valueName: "PATH"))
    var paths: [String]

    @Option(help: "Output form: text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Fail (exit 1) on warnings too.")
    var strict = false

    @OptionGroup var reading: ReadingOptions
    @OptionGroup var mirror: MirrorOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        // The code lists load and the XSDs compile while the files are listed.
        let loading = reading.loadingConfiguration()
        let files = try FileDiscovery.files(in: paths)
        let rates = try mirror.exchangeRates()
        let store = try storeOptions.open()
        var configuration = try reading.configuration(from: loading)
        // Without the store, a file's SHA-256 is computed only where a key or a duplicate needs it.
        configuration.hashesEveryFile = store != nil
        let spill = SpillSetup.configure(&configuration, hasStore: store != nil)
        let runner = BatchRunner(configuration: configuration)
        // Mirror findings of the batch (and of the store); unmatched exports are for reconcile and report only.
        let reconciler = Reconciler(rates: rates)
        let progress = Diagnostics.progressBar(total: files.count)
        var results: [FileResult]
        let mirrorFindings: [Finding]
        if let store {
            results = runner.run(files, progress: progress)
            let reconciliation = try StoreStage.run(&results, store: store, reconciler: reconciler).reconciliation
            mirrorFindings = StoreStage.findings(reconciliation, involving: results)
        } else {
            // Within the batch only: matched while the timing stage runs.
            let jobs = configuration.jobs
            (results, mirrorFindings) = runner.run(files, progress: progress) { reconciler.mirrorFindings($0, at: $1, jobs: jobs) }
        }
        SpillSetup.warnIfRefused(spill)
        let report = BatchReport(files: results, crossFindings: mirrorFindings + (spill?.lossFindings ?? []), strict: strict, maxFindings: reading.maxFindings)
        let failuresReported = spill?.readFailures ?? 0
        switch format {
        case .json:
            // The bytes as written, straight to the standard output (nothing is printed before
            // them): no String is made of them first. A report that cannot be written whole is
            // the command failing (exit 2), not a shorter report.
            let output = FileHandle.standardOutput
            var failure: (any Error)?
            report.writeJSON { text in
                guard failure == nil else { return }
                do { try text.withUTF8 { try output.write(contentsOf: Data(buffer: $0)) } } catch { failure = error }
            }
            if failure == nil {
                do { try output.write(contentsOf: Data("\n".utf8)) } catch { failure = error }
            }
            if let failure {
                throw PipelineError("cannot write the report to the standard output: \(failure.localizedDescription)")
            }
        case .text: print(report.text, terminator: "")
        }
        // The process ends next: the batch is not freed piece by piece first.
        LeftToExit.keep(report)
        // Writing the report reads the spill again: a read that failed then was not in the report.
        if let spill, spill.readFailures > failuresReported, let loss = spill.lossFindings.first {
            FileHandle.standardError.write(Data((loss.textLine + "\n").utf8))
            throw ExitCode(1)
        }
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}
