import CustomsCore
import CustomsPipeline
import CustomsReconcile
import CustomsStore
import Foundation

/// Everything the workers share: the layout, the stages, the store, the group commit that makes
/// "look up, decide, record" one step at a time across workers, and the gate on CPU-bound work.
final class InboxContext: Sendable {
    let layout: InboxLayout
    let processor: FileProcessor
    let reconciler: Reconciler
    let store: DeclarationStore
    let names: FinalNames
    let claim: InboxClaim
    let maxFindings: Int?
    let decisions: GroupCommit<PendingDecision>
    let filings: GroupCommit<PendingFiling>
    let cpu: CPUGate

    init(
        layout: InboxLayout, processor: FileProcessor, reconciler: Reconciler, store: DeclarationStore, maxFindings: Int?,
        cpuSlots: Int, maxBatch: Int
    ) {
        self.layout = layout
        self.processor = processor
        self.reconciler = reconciler
        self.store = store
        self.maxFindings = maxFindings
        names = FinalNames(layout: layout)
        claim = InboxClaim(layout: layout)
        decisions = GroupCommit(maxBatch: maxBatch)
        filings = GroupCommit(maxBatch: maxBatch)
        cpu = CPUGate(slots: cpuSlots)
    }
}

/// What one worker did with one file, for the log line.
struct FileRecord: Sendable {
    enum Status: Sendable {
        /// The file reached `processed/` or `rejected/` with its report.
        case filed(InboxOutcome)
        /// The file stays in the work folder and is tried again at the next safety rescan.
        case deferred(String)
    }

    var name: String
    var finalPath: String?
    var status: Status
    var errors = 0
    var warnings = 0
    var duplicateOf: String?
}

/// The protocol of one claimed file, from the work folder to its final folder:
/// process → decide (and record, in a batch with the files decided at the same time) → report → move.
///
/// Every step is idempotent given what the work name and the store say, so recovery after a
/// crash at any instant simply runs ``finish(_:)`` again on whatever is in the work folder.
struct InboxFileJob {
    let context: InboxContext

    /// Processes a claimed file to the end.
    ///
    /// Crash points, in order (each leaves exactly one result or none, never two):
    /// 1. While processing (reading, validating): nothing outside the process has changed; the
    ///    file is `ID.c~NAME` and recovery starts over.
    /// 2. In ``decide(_:)``, the group commit: before or after the batch's decision renames, their
    ///    `fsync`, or the batch's store transaction: see there.
    /// 3. After the store transaction committed, before the report is in place: recovery finds
    ///    its own row (stored path = its decided destination), records nothing again, and writes
    ///    the report. The report goes to a hidden temporary file, flushed, and is renamed in
    ///    whole with its batch (``file(_:)``), so a crash while writing leaves no half-written
    ///    report under the real name.
    /// 4. After the report, before the final move: recovery finds row and report, and moves.
    ///    The batch's reports are made durable (one `fsync` of `reports/`) before any of its files
    ///    is moved, so a file never reaches its final folder ahead of its report.
    /// 5. After the final move: the work folder no longer holds the file; it is done.
    ///
    /// A failure that is not a crash (store unusable, disk full while writing the report, a move
    /// that fails) leaves the file in the work folder in its current state; it is tried again at
    /// the next safety rescan. Nothing is deleted.
    func finish(_ start: WorkName) -> FileRecord {
        let workPath = context.layout.workPath(start)
        var record = FileRecord(name: start.name, status: .deferred("not started"))
        guard DurableFiles.isRegularFile(workPath) else {
            record.status = .deferred("the claimed file is no longer in the work folder")
            return record
        }
        let processed = context.cpu.run {
            var results = [context.processor.process(workPath)]
            // Timing findings of the file's declarations go in before the decision, so that a timing
            // error (a release before its lodgement) rejects the file.
            BatchTiming.attach(&results, configuration: context.processor.configuration)
            return results[0]
        }
        let decided = context.decisions.submit(PendingDecision(start: start, result: processed)) { batch in decide(&batch) }
        let result = decided.result
        let decision: Decision
        switch decided.decision {
        case let .success(decided)?:
            decision = decided
        case let .failure(failure)?:
            record.status = .deferred(failure.description)
            return record
        case nil:
            record.status = .deferred("not decided")
            return record
        }
        let work = decision.work
        let destination = context.layout.folder(for: decision.outcome) + "/" + work.name
        record.finalPath = destination
        record.duplicateOf = decision.duplicateOf
        let reportPath = context.layout.reportPath(work.name)
        let (report, json) = context.cpu.run {
            var crossFindings: [Finding] = []
            if decision.duplicateOf == nil {
                crossFindings = mirrorFindings(for: result)
            }
            let report = BatchReport(files: [result], crossFindings: crossFindings, maxFindings: context.maxFindings)
            let needed = !(decision.alreadyRecorded && DurableFiles.exists(reportPath))
            return (report, needed ? Data((report.json.serialized() + "\n").utf8) : nil)
        }
        record.errors = report.count(.error)
        record.warnings = report.count(.warning)
        var temporary: String?
        if let json {
            let path = DurableFiles.temporaryPath(for: reportPath)
            do {
                try DurableFiles.write(json, to: path)
            } catch {
                unlink(path)
                record.status = .deferred("cannot write the report: \(error.description)")
                return record
            }
            temporary = path
        }
        let pending = PendingFiling(
            workPath: context.layout.workPath(work), destination: destination, reportPath: reportPath, temporary: temporary)
        let filed = context.filings.submit(pending) { batch in file(&batch) }
        if let failure = filed.failure {
            record.status = .deferred(failure)
            return record
        }
        context.names.release(work.name)
        record.status = .filed(decision.outcome)
        return record
    }

    /// The mirror findings that name a declaration of this file, against the store's candidates
    /// (declarations sharing a transport document, container or invoice number). A store that
    /// cannot be read here costs the mirror findings, not the file.
    private func mirrorFindings(for result: FileResult) -> [Finding] {
        guard !result.declarations.isEmpty,
              let stored = try? context.store.declarations(sharingMatchKeysWith: Array(result.declarations), excludingFile: result.file)
        else { return [] }
        let others = stored.filter { $0.source.file != result.file }
        guard !others.isEmpty else { return [] }
        let reconciliation = context.reconciler.reconcile(others + result.declarations)
        return StoreStage.findings(reconciliation, involving: [result])
    }
}
