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
    ///    the report. The report goes to a hidden temporary file and is renamed in whole, so a
    ///    crash while writing leaves no half-written report under the real name.
    /// 4. After the report, before the final move: recovery finds row and report, and moves.
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
        if let json {
            do {
                try DurableFiles.writeAtomically(json, to: reportPath)
            } catch {
                record.status = .deferred("cannot write the report: \(error.description)")
                return record
            }
        }
        do {
            try move(context.layout.workPath(work), to: destination)
        } catch {
            record.status = .deferred("cannot move the file to \(destination): \(error.description)")
            return record
        }
        context.names.release(work.name)
        record.status = .filed(decision.outcome)
        return record
    }

    /// Moves the work file to its final place, never replacing a file there.
    ///
    /// Crash points: the rename is atomic (the file is in the work folder or in its final folder,
    /// never both, never neither). Where `link` + `unlink` stands in for it (see
    /// ``DurableFiles/renameNoReplace(_:_:)``), a crash between the two leaves both names on one
    /// file: the next attempt finds the destination holding the same file and removes the work
    /// name only.
    private func move(_ workPath: String, to destination: String) throws(DurableFiles.Failure) {
        do {
            try DurableFiles.renameNoReplace(workPath, destination)
        } catch let failure where failure.isExisting {
            guard Self.sameFile(workPath, destination) else { throw failure }
            guard unlink(workPath) == 0 else { throw DurableFiles.Failure("unlink", workPath) }
        } catch let failure where failure.code == EXDEV {
            try DurableFiles.moveAcrossFileSystems(workPath, destination)
        }
        DurableFiles.syncFolder((destination as NSString).deletingLastPathComponent)
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat()
        var second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        if first.st_dev == second.st_dev && first.st_ino == second.st_ino { return true }
        return first.st_size == second.st_size && FileManager.default.contentsEqual(atPath: a, andPath: b)
    }

    /// The mirror findings that name a declaration of this file, against the store's candidates
    /// (declarations sharing a transport document, container or invoice number). A store that
    /// cannot be read here costs the mirror findings, not the file.
    private func mirrorFindings(for result: FileResult) -> [Finding] {
        guard !result.declarations.isEmpty,
              let stored = try? context.store.declarations(sharingMatchKeysWith: result.declarations) else { return [] }
        let others = stored.filter { $0.source.file != result.file }
        guard !others.isEmpty else { return [] }
        let reconciliation = context.reconciler.reconcile(others + result.declarations)
        return StoreStage.findings(reconciliation, involving: [result])
    }
}
