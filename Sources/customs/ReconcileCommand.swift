import ArgumentParser
import CustomsPipeline
import CustomsReconcile
import Foundation

struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Pair export declarations with the import or transit declarations of the same consignment and compare them.",
        discussion: """
            Pairs are matched by transport document number, container number or invoice number; party ids \
            support a match but never make one. Mirror findings: mirror.hs, mirror.mass (2%), mirror.packages, \
            mirror.quantity (2%), mirror.containers, mirror.value (10% CIF/FOB allowance; --rates), \
            mirror.rate-missing, mirror.unmatched (no counterpart 14 days after lodgement).
            """
    )

    @Argument(help: ArgumentHelp("Files and folders with declarations of both sides (optional with --db).", valueName: "PATH"))
    var paths: [String] = []

    @Option(help: "Output form: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var reading: ReadingOptions
    @OptionGroup var mirror: MirrorOptions
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if paths.isEmpty && storeOptions.db == nil { throw ValidationError("give PATH... or --db FILE") }
    }

    func run() throws {
        let files = try FileDiscovery.files(in: paths)
        let rates = try mirror.exchangeRates()
        let store = try storeOptions.open()
        let configuration = try reading.configuration()
        var results = BatchRunner(configuration: configuration).run(files, progress: Diagnostics.progressBar(total: files.count))
        let reconciler = Reconciler(rates: rates)
        let reconciliation = if let store {
            try StoreStage.run(&results, store: store, reconciler: reconciler).reconciliation
        } else {
            reconciler.reconcile(results.lazy.flatMap(\.declarations))
        }
        switch format {
        case .json: print(reconciliation.json.serialized())
        case .text: print(reconciliation.text, terminator: "")
        }
    }
}
