import CustomsCore
import CustomsPipeline
import CustomsStore
import Foundation

/// Where a claimed file goes and whether its store rows are already there.
struct Decision {
    /// The work name after the decision rename: `ID.p~FINAL` or `ID.r~FINAL`.
    var work: WorkName
    var outcome: InboxOutcome
    /// The store held these bytes already, under another file: `file.duplicate`.
    var duplicateOf: String?
    /// The store rows of this very file were written by an earlier attempt (recovery).
    var alreadyRecorded: Bool
}

extension InboxFileJob {
    /// Looks the content up in the store, decides the final folder and name, makes the decision
    /// durable in the work name, and records the store rows — one step under the context's
    /// decision lock, so two workers holding the same content cannot both be "first".
    ///
    /// The file is relabelled to its final path (`result.file`, the findings' and the
    /// declarations' `file`): the report, the store and `file.duplicate` messages name the file
    /// where it will be found.
    ///
    /// Crash points:
    /// - before the decision rename: nothing is recorded; recovery decides again from `ID.c~NAME`.
    /// - after the decision rename, before the store commit: the final name is reserved by the
    ///   work name `ID.p~FINAL` / `ID.r~FINAL` (no other file may take it: ``FinalNames`` counts
    ///   the work folder's decided names at start); recovery keeps that name and decides the
    ///   folder again (the store may meanwhile hold the content under another file: then it is a
    ///   duplicate and goes to `rejected/`, renaming `p` to `r`).
    /// - after the store commit: the stored path is `processed/FINAL` or `rejected/FINAL`, which
    ///   no other file can carry; recovery recognizes its own row by that path and records
    ///   nothing again (a decision is binding once recorded).
    ///
    /// - Throws: the reason, when the store cannot be used or the rename fails; the file then
    ///   stays in the work folder as it was.
    func decide(_ start: WorkName, result: inout FileResult) throws(DurableFiles.Failure) -> Decision {
        let layout = context.layout
        let workPath = layout.workPath(start)
        return try context.decisionLock.withLock { _ throws(DurableFiles.Failure) -> Decision in
            let finalName = start.outcome == nil ? context.names.choose(for: start.name) : start.name
            let ownPaths = [layout.processed + "/" + finalName, layout.rejected + "/" + finalName]
            var earlier: String?
            if let sha256 = result.sha256 {
                do {
                    earlier = try context.store.storedPath(sha256: sha256)
                } catch {
                    throw DurableFiles.Failure(message: "\(error)")
                }
            }
            let alreadyRecorded = earlier.map(ownPaths.contains) ?? false
            // An empty file is rejected for being empty, not as a copy of another empty file.
            var duplicateOf = alreadyRecorded || (result.size ?? 0) == 0 ? nil : earlier
            let hasErrors = result.findings.contains { $0.severity == .error }
            var outcome: InboxOutcome = hasErrors || duplicateOf != nil ? .rejected : .processed
            if alreadyRecorded, let earlier, let recorded = ownPaths.firstIndex(of: earlier) {
                outcome = recorded == 0 ? .processed : .rejected
            }
            relabel(&result, from: workPath, to: layout.folder(for: outcome) + "/" + finalName)
            if let duplicateOf {
                result.findings.insert(Self.duplicateFinding(result, earlier: duplicateOf), at: 0)
            }
            var work = start.deciding(outcome, as: finalName)
            if work != start {
                try DurableFiles.rename(workPath, layout.workPath(work))
                DurableFiles.syncFolder(layout.work)
            }
            if earlier == nil, result.sha256 != nil {
                let receipt: StoreReceipt
                do {
                    receipt = try context.store.record(result.snapshot, outcome: outcome.rawValue)
                } catch {
                    throw DurableFiles.Failure(message: "\(error)")
                }
                if let other = receipt.earlierPath {
                    // Another writer of the same store recorded these bytes in between: a duplicate.
                    duplicateOf = other
                    result.findings.insert(Self.duplicateFinding(result, earlier: other), at: 0)
                    outcome = .rejected
                    relabel(&result, from: result.file, to: layout.rejected + "/" + finalName)
                    let rejected = work.deciding(.rejected, as: finalName)
                    if rejected != work {
                        try DurableFiles.rename(layout.workPath(work), layout.workPath(rejected))
                        work = rejected
                    }
                } else {
                    result.findings += receipt.amendments
                }
            }
            return Decision(work: work, outcome: outcome, duplicateOf: duplicateOf, alreadyRecorded: alreadyRecorded)
        }
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
