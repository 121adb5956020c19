public import CustomsPipeline
public import CustomsReconcile
public import CustomsStore
public import Logging
public import ServiceLifecycle
import Foundation

/// `customs watch`: the inbox daemon as a swift-service-lifecycle ``Service``.
///
/// Run it in a `ServiceGroup` with SIGTERM and SIGINT as graceful shutdown signals: on either,
/// the daemon stops taking new files, finishes the files its workers hold, and returns (the
/// command then exits 0). Files not yet claimed stay in the inbox for the next start.
public struct InboxService: Service {
    let layout: InboxLayout
    let configuration: PipelineConfiguration
    let reconciler: Reconciler
    let store: DeclarationStore
    let settings: InboxSettings
    let logger: Logger

    /// - Parameters:
    ///   - layout: the folders and the store (``InboxLayout/prepare()`` is called by ``run()``).
    ///   - configuration: the pipeline's code lists, schemas and limits.
    ///   - reconciler: the mirror checks, with the exchange rates.
    ///   - store: the opened store (`layout.database`).
    public init(
        layout: InboxLayout, configuration: PipelineConfiguration, reconciler: Reconciler, store: DeclarationStore,
        settings: InboxSettings, logger: Logger
    ) {
        self.layout = layout
        self.configuration = configuration
        self.reconciler = reconciler
        self.store = store
        self.settings = settings
        self.logger = logger
    }

    /// Watches until graceful shutdown (or cancellation), then finishes the files in hand.
    /// - Throws: ``InboxError`` when the folders cannot be prepared or inotify cannot be set up.
    public func run() async throws {
        try layout.prepare()
        let context = InboxContext(
            layout: layout, processor: FileProcessor(configuration: configuration), reconciler: reconciler,
            store: store, maxFindings: settings.maxFindings, cpuSlots: settings.jobs, maxBatch: settings.maxBatch)
        let daemon = InboxDaemon(context: context, settings: settings, logger: logger)
        try daemon.start()
        logger.info("watching", metadata: [
            "inbox": "\(layout.inbox)", "processed": "\(layout.processed)", "rejected": "\(layout.rejected)",
            "reports": "\(layout.reports)", "db": "\(layout.database)", "jobs": "\(settings.jobs)",
        ])
        try? await gracefulShutdown()
        logger.info("shutting down: finishing the files in hand")
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                daemon.stop()
                continuation.resume()
            }
        }
        logger.info("stopped")
    }
}
