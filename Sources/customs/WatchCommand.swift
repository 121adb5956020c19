import ArgumentParser
import CustomsInbox
import CustomsPipeline
import CustomsReconcile
import CustomsStore
import Dispatch
import Foundation
import Logging
import Synchronization
import ServiceLifecycle

/// `customs watch INBOX`: the inbox daemon (`SPEC.md`, "Inbox daemon protocol").
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Process every file that arrives in INBOX, exactly once, until SIGTERM or SIGINT.",
        discussion: """
            Each file ends in processed/ (no error findings) or rejected/, its report reports/NAME.json \
            (the validate JSON for that file) written first, its declarations in the store. By default these \
            folders and customs.sqlite are beside INBOX; work in progress is in INBOX/.customs-work/. \
            Ignored: dot-files, *.tmp, *.part. SIGTERM/SIGINT: the files in hand are finished, then exit 0.
            """
    )

    @Argument(help: ArgumentHelp("The folder to watch.", valueName: "INBOX"))
    var inbox: String

    @Option(help: ArgumentHelp("Where files without error findings go (default: processed/ beside INBOX).", valueName: "DIR"))
    var processed: String?

    @Option(help: ArgumentHelp("Where the other files go (default: rejected/ beside INBOX).", valueName: "DIR"))
    var rejected: String?

    @Option(help: ArgumentHelp("Where the reports go (default: reports/ beside INBOX).", valueName: "DIR"))
    var reports: String?

    @Option(help: ArgumentHelp("The SQLite store (default: customs.sqlite beside INBOX).", valueName: "FILE"))
    var db: String?

    @Option(help: ArgumentHelp("Log lines for people (text) or log collectors (json), on stderr.", valueName: "FORMAT"))
    var logFormat: LogFormat = .text

    @Option(help: ArgumentHelp("Seconds between safety rescans of the inbox (missed events, retries).", valueName: "SECONDS"))
    var rescanInterval: Double = 30

    @OptionGroup var reading: ReadingOptions
    @OptionGroup var mirror: MirrorOptions

    func validate() throws {
        if rescanInterval <= 0 { throw ValidationError("--rescan-interval must be more than 0") }
    }

    func run() throws {
        let layout = InboxLayout(inbox: inbox, processed: processed, rejected: rejected, reports: reports, database: db)
        do {
            try layout.prepare()
        } catch {
            throw PipelineError(error.description)
        }
        let reconciler = Reconciler(rates: try mirror.exchangeRates())
        let configuration = try reading.configuration()
        let store: DeclarationStore
        do {
            store = try DeclarationStore(path: layout.database)
        } catch {
            throw PipelineError(error.description)
        }
        let format = logFormat
        let logger = Logger(label: "customs.watch") { _ in WatchLogHandler(format: format) }
        let settings = InboxSettings(jobs: configuration.jobs, rescanInterval: rescanInterval, maxFindings: reading.maxFindings)
        let service = InboxService(
            layout: layout, configuration: configuration, reconciler: reconciler, store: store, settings: settings, logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try Self.runBlocking { try await group.run() }
    }

    /// Runs `body` on the concurrency pool and waits for it: the root command is synchronous
    /// (its `main` maps errors to exit statuses), the service group is async.
    private static func runBlocking(_ body: @escaping @Sendable () async throws -> Void) throws {
        let outcome = Mutex<(any Error)??>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await body()
                outcome.withLock { $0 = .some(nil) }
            } catch {
                outcome.withLock { $0 = .some(error) }
            }
            done.signal()
        }
        done.wait()
        if case let .some(error?) = outcome.withLock({ $0 }) {
            if let error = error as? InboxError { throw PipelineError(error.description) }
            throw PipelineError("the daemon stopped: \(error)")
        }
    }
}
