import Foundation
import Logging

/// The running parts of the daemon, each on its own thread: the inotify watcher, the rescan
/// timer and `filesInHand` workers (of which `jobs` compute at once, ``CPUGate``), joined by a
/// bounded ``WorkQueue``.
///
/// Start order matters: the watcher starts before the first scan, so a file that arrives during
/// the scan is seen by one or the other (the queue takes each name once). Recovery comes first:
/// the work folder's decided names are reserved before any new file is given a final name.
final class InboxDaemon: Sendable {
    let context: InboxContext
    let settings: InboxSettings
    let logger: Logger
    private let queue: WorkQueue
    private let inFlight = InFlight()
    private let workersDone: DispatchGroup = DispatchGroup()
    private nonisolated(unsafe) var watcher: InotifyWatcher?
    private nonisolated(unsafe) var timer: RescanTimer?

    init(context: InboxContext, settings: InboxSettings, logger: Logger) {
        self.context = context
        self.settings = settings
        self.logger = logger
        queue = WorkQueue(capacity: settings.queueCapacity)
    }

    /// Recovers the work folder, starts watching, scans, and starts the workers.
    func start() throws(InboxError) {
        var left = 0
        for fileName in DurableFiles.names(in: context.layout.work) {
            guard let name = WorkName(fileName: fileName) else { continue }
            left += 1
            if name.outcome != nil { context.names.reserve(name.name) }
        }
        if left > 0 { logger.notice("recovering the files left in the work folder", metadata: ["files": "\(left)"]) }
        let queue = self.queue
        let timer = RescanTimer(interval: settings.rescanInterval) { [self] in scan() }
        self.timer = timer
        watcher = try InotifyWatcher(folder: context.layout.inbox) { event in
            switch event {
            case let .ready(name):
                if InboxNames.isCandidate(name) { queue.offer(.inbox(name)) }
            case .rescan:
                timer.request()
            }
        }
        scan()
        for index in 0..<settings.filesInHand {
            workersDone.enter()
            let thread = Thread { [self] in
                work()
                workersDone.leave()
            }
            thread.name = "customs-worker-\(index + 1)"
            thread.start()
        }
    }

    /// Stops taking files, lets each worker finish the file in hand, and returns when all have.
    func stop() {
        watcher?.stop()
        timer?.stop()
        queue.close()
        workersDone.wait()
    }

    /// Lists the work folder (files left by a crash or waiting for a retry) and the inbox, and
    /// queues what is not queued or in hand yet, up to the queue's capacity.
    func scan() {
        let layout = context.layout
        for fileName in DurableFiles.names(in: layout.work).sorted() {
            guard let name = WorkName(fileName: fileName), !inFlight.contains(name.id) else { continue }
            queue.offer(.work(fileName))
        }
        for name in DurableFiles.names(in: layout.inbox).sorted() where InboxNames.isCandidate(name) {
            if !queue.offer(.inbox(name)) { break }
        }
    }

    private func work() {
        let job = InboxFileJob(context: context)
        while let item = queue.take() {
            handle(item, job: job)
            queue.release(item)
            if queue.takeOverflow() { timer?.request() }
        }
    }

    private func handle(_ item: WorkItem, job: InboxFileJob) {
        let started = ContinuousClock.now
        let work: WorkName
        switch item {
        case let .inbox(name):
            switch context.claim.claim(name) {
            case let .claimed(claimed):
                work = claimed
                _ = inFlight.enter(claimed.id)
            case .skipped, .busy:
                return
            case let .failed(reason):
                logger.error("cannot claim the file", metadata: ["file": "\(name)", "reason": "\(reason)"])
                return
            }
        case let .work(fileName):
            guard let name = WorkName(fileName: fileName), inFlight.enter(name.id) else { return }
            work = name
            // Listed by a scan while another worker still held it, and finished since: nothing to do.
            guard DurableFiles.isRegularFile(context.layout.workPath(name)) else {
                inFlight.leave(name.id)
                return
            }
        }
        defer { inFlight.leave(work.id) }
        let record = job.finish(work)
        log(record, duration: ContinuousClock.now - started)
    }

    private func log(_ record: FileRecord, duration: Duration) {
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        var metadata: Logger.Metadata = [
            "file": "\(record.name)",
            "durationMs": "\((milliseconds * 10).rounded() / 10)",
        ]
        if let finalPath = record.finalPath { metadata["path"] = "\(finalPath)" }
        switch record.status {
        case let .filed(outcome):
            metadata["outcome"] = "\(outcome.rawValue)"
            metadata["errors"] = "\(record.errors)"
            metadata["warnings"] = "\(record.warnings)"
            if let duplicateOf = record.duplicateOf { metadata["duplicateOf"] = "\(duplicateOf)" }
            logger.info("file \(outcome.rawValue)", metadata: metadata)
        case let .deferred(reason):
            metadata["outcome"] = "deferred"
            metadata["reason"] = "\(reason)"
            logger.error("file deferred: it stays in the work folder and is tried again at the next rescan", metadata: metadata)
        }
    }
}
