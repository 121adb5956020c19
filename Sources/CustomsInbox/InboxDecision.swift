import CustomsCore
import CustomsPipeline
import CustomsStore
import Foundation

/// Where a claimed file goes and whether its store rows are already there.
struct Decision: Sendable {
    /// The work name after the decision rename: `ID.p~FINAL` or `ID.r~FINAL`.
    var work: WorkName
    var outcome: InboxOutcome
    /// The store held these bytes already, under another file: `file.duplicate`.
    var duplicateOf: String?
    /// The store rows of this very file were written by an earlier attempt (recovery).
    var alreadyRecorded: Bool
}

/// A processed file waiting for its decision in a batch of ``InboxFileJob/decide(_:)``.
struct PendingDecision: Sendable {
    let start: WorkName
    /// Relabelled to the final path, with `file.duplicate` or `declaration.amended` findings added.
    var result: FileResult
    /// `nil` until the batch holding it is decided.
    var decision: Result<Decision, DurableFiles.Failure>?
}

extension InboxFileJob {
    /// Decides a batch of processed files (``GroupCommit``, one batch at a time across workers):
    /// looks the batch's contents up in the store (one read), chooses each final folder and name,
    /// makes the decisions durable in the work names with one `fsync` of the work folder, then
    /// records the batch's new contents in one store transaction (``DeclarationStore/record(_:receivedAt:)``).
    ///
    /// The daemon is the store's only writer between the look-up and the commit save for another
    /// process sharing the store: that case is caught by the commit itself (the receipt names the
    /// other file, and the file becomes its duplicate), as it was with one file at a time.
    ///
    /// One batch at a time and in order, so two files holding the same content cannot both be
    /// "first": the later one finds the earlier one in the store or, in the same batch, in the
    /// batch's own table of contents decided so far — and goes to `rejected/` with
    /// `file.duplicate` naming it.
    ///
    /// Each file is relabelled to its final path (`result.file`, the findings' and the
    /// declarations' `file`): the report, the store and `file.duplicate` messages name the file
    /// where it will be found.
    ///
    /// Crash points (the order is: all decision renames, one `fsync` of the work folder, one store
    /// commit):
    /// - before the `fsync` of the work folder: nothing is recorded; each file is `ID.c~NAME` or
    ///   already `ID.p~FINAL` / `ID.r~FINAL` (a rename may or may not have reached the disk);
    ///   recovery decides it again from whichever name it finds.
    /// - after the `fsync`, before the store commit: every final name of the batch is reserved by
    ///   its work name (no other file may take it: ``FinalNames`` counts the work folder's decided
    ///   names at start); recovery keeps that name and decides the folder again (the store may
    ///   meanwhile hold the content under another file: then it is a duplicate and goes to
    ///   `rejected/`, renaming `p` to `r`). Two identical files of one batch are decided again
    ///   one after the other: one is processed, the other is its duplicate.
    /// - after the store commit: the stored path of each recorded file is `processed/FINAL` or
    ///   `rejected/FINAL`, a name durably reserved before the commit, which no other file can
    ///   carry; recovery recognizes its own row by that path and records nothing again (a
    ///   decision is binding once recorded).
    ///
    /// A file whose rename or store row fails gets its reason as its decision and stays in the
    /// work folder; so does a file found to be the duplicate of a batch mate whose row failed
    /// (the original is not stored yet). The others of the batch go on.
    func decide(_ batch: inout [PendingDecision]) {
        // What the store holds of the batch's contents, in one read; a store that cannot be read
        // here is asked again file by file (and each file fails alone).
        let stored = try? context.store.storedPaths(sha256s: batch.compactMap(\.result.sha256))
        var firstInBatch: [String: (path: String, index: Int)] = [:]
        var recordIndices: [Int] = []
        var copyOf: [Int: Int] = [:]
        var renamed = false
        for index in batch.indices {
            do {
                let chosen = try choose(&batch[index], stored: stored, firstInBatch: firstInBatch, renamed: &renamed)
                batch[index].decision = .success(chosen.decision)
                if chosen.record, let sha256 = batch[index].result.sha256 {
                    recordIndices.append(index)
                    firstInBatch[sha256] = (batch[index].result.file, index)
                }
                if let original = chosen.copyOf { copyOf[index] = original }
            } catch {
                batch[index].decision = .failure(error)
            }
        }
        if renamed { DurableFiles.syncFolder(context.layout.work) }
        record(&batch, recordIndices)
        for (index, original) in copyOf {
            if case let .failure(failure) = batch[original].decision {
                batch[index].decision = .failure(DurableFiles.Failure(
                    message: "its original \(batch[original].result.file) could not be recorded: \(failure.description)"))
            }
        }
    }

    /// The decision of one file of a batch, up to its decision rename (not yet flushed).
    ///
    /// - Returns: the decision, whether the file's rows are to be recorded, and, when it is the
    ///   copy of a file earlier in the same batch, that file's index.
    private func choose(
        _ item: inout PendingDecision, stored: [String: String]?, firstInBatch: [String: (path: String, index: Int)],
        renamed: inout Bool
    ) throws(DurableFiles.Failure) -> (decision: Decision, record: Bool, copyOf: Int?) {
        let layout = context.layout
        let start = item.start
        let workPath = layout.workPath(start)
        let finalName = start.outcome == nil ? context.names.choose(for: start.name) : start.name
        let ownPaths = [layout.processed + "/" + finalName, layout.rejected + "/" + finalName]
        var earlier: String?
        var copyOf: Int?
        if let sha256 = item.result.sha256 {
            if let first = firstInBatch[sha256] {
                earlier = first.path
                copyOf = first.index
            } else if let stored {
                earlier = stored[sha256]
            } else {
                do {
                    earlier = try context.store.storedPath(sha256: sha256)
                } catch {
                    throw DurableFiles.Failure(message: "\(error)")
                }
            }
        }
        let alreadyRecorded = earlier.map(ownPaths.contains) ?? false
        // An empty file is rejected for being empty, not as a copy of another empty file.
        let duplicateOf = alreadyRecorded || (item.result.size ?? 0) == 0 ? nil : earlier
        let hasErrors = item.result.findings.contains { $0.severity == .error }
        var outcome: InboxOutcome = hasErrors || duplicateOf != nil ? .rejected : .processed
        if alreadyRecorded, let earlier, let recorded = ownPaths.firstIndex(of: earlier) {
            outcome = recorded == 0 ? .processed : .rejected
        }
        relabel(&item.result, from: workPath, to: layout.folder(for: outcome) + "/" + finalName)
        if let duplicateOf {
            item.result.findings.insert(Self.duplicateFinding(item.result, earlier: duplicateOf), at: 0)
        }
        let work = start.deciding(outcome, as: finalName)
        if work != start {
            try DurableFiles.rename(workPath, layout.workPath(work))
            renamed = true
        }
        let decision = Decision(work: work, outcome: outcome, duplicateOf: duplicateOf, alreadyRecorded: alreadyRecorded)
        return (decision, earlier == nil && item.result.sha256 != nil, duplicateOf == nil ? nil : copyOf)
    }

    /// Records the files at `indices` in one store transaction, after their decisions are durable.
    /// When the transaction fails, each file is tried alone, so one file the store refuses does
    /// not hold back the others.
    private func record(_ batch: inout [PendingDecision], _ indices: [Int]) {
        guard !indices.isEmpty else { return }
        let entries = indices.map { index in
            DeclarationStore.BatchEntry(batch[index].result.snapshot, outcome: outcomeOf(batch[index]).rawValue)
        }
        var receipts: [Result<StoreReceipt, StoreError>]
        do {
            receipts = try context.store.record(entries).map { .success($0) }
        } catch {
            receipts = []
            for entry in entries {
                do {
                    receipts.append(.success(try context.store.record(entry.result, outcome: entry.outcome)))
                } catch {
                    receipts.append(.failure(error))
                }
            }
        }
        for (index, receipt) in zip(indices, receipts) {
            switch receipt {
            case let .success(receipt):
                apply(receipt, to: &batch[index])
            case let .failure(error):
                batch[index].decision = .failure(DurableFiles.Failure(message: "\(error)"))
            }
        }
    }

    /// What the store said of a recorded file: new amendments, or (another writer of the same
    /// store recorded these bytes in between) a duplicate after all.
    private func apply(_ receipt: StoreReceipt, to item: inout PendingDecision) {
        guard case var .success(decision) = item.decision else { return }
        guard let other = receipt.earlierPath else {
            item.result.findings += receipt.amendments
            return
        }
        let layout = context.layout
        let finalName = decision.work.name
        decision.duplicateOf = other
        item.result.findings.insert(Self.duplicateFinding(item.result, earlier: other), at: 0)
        decision.outcome = .rejected
        relabel(&item.result, from: item.result.file, to: layout.rejected + "/" + finalName)
        let rejected = decision.work.deciding(.rejected, as: finalName)
        if rejected != decision.work {
            do {
                try DurableFiles.rename(layout.workPath(decision.work), layout.workPath(rejected))
            } catch {
                item.decision = .failure(error)
                return
            }
            decision.work = rejected
        }
        item.decision = .success(decision)
    }

    private func outcomeOf(_ item: PendingDecision) -> InboxOutcome {
        if case let .success(decision) = item.decision { return decision.outcome }
        return .rejected
    }

    static func duplicateFinding(_ result: FileResult, earlier: String) -> Finding {
        let hash = (result.sha256 ?? "").prefix(12)
        return Finding(
            rule: "file.duplicate", message: "the same content (SHA-256 \(hash)…) was already received as \(earlier)",
            file: result.file)
    }

    /// Names the file by its final path everywhere the pipeline named its work path.
    private func relabel(_ result: inout FileResult, from old: String, to new: String) {
        result.file = new
        for index in result.findings.indices where result.findings[index].file == old {
            result.findings[index].file = new
        }
        for index in result.declarations.indices where result.declarations[index].source.file == old {
            result.declarations[index].source.file = new
        }
    }
}
