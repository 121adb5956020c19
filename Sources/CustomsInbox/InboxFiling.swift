import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A decided and recorded file whose report is written (under a hidden temporary name, flushed),
/// waiting to be put in place with its batch by ``InboxFileJob/file(_:)``.
struct PendingFiling: Sendable {
    let workPath: String
    let destination: String
    let reportPath: String
    /// The flushed report beside `reportPath`; `nil` when the report is in place already
    /// (recovery after a crash between the report and the final move).
    let temporary: String?
    /// Why the file stays in the work folder (tried again at the next safety rescan).
    var failure: String?
}

extension InboxFileJob {
    /// Puts a batch of files in place (``GroupCommit``, one batch at a time across workers): each
    /// report renamed from its temporary name, one `fsync` of `reports/`; then each file moved to
    /// its final folder, one `fsync` of each final folder used.
    ///
    /// Crash points (each report's content is flushed before the batch starts):
    /// - before or during the report renames, or before their `fsync`: no file of the batch has
    ///   moved; each is still in the work folder under its decided name, its row stored; recovery
    ///   finds a report in place or writes it again (over a leftover temporary file), then moves.
    /// - after the `fsync` of `reports/`, during the moves or before the final folders' `fsync`:
    ///   every report of the batch is durable; a file is in the work folder or in its final
    ///   folder (the move is one rename), never both, never neither, and recovery moves what is
    ///   left.
    ///
    /// A report rename or a move that fails (a full disk, a name taken by a foreign file) marks
    /// that file only; the others of the batch go on.
    func file(_ batch: inout [PendingFiling]) {
        var renamed = false
        for index in batch.indices {
            guard let temporary = batch[index].temporary else { continue }
            do {
                try DurableFiles.rename(temporary, batch[index].reportPath)
                renamed = true
            } catch {
                unlink(temporary)
                batch[index].failure = "cannot write the report: \(error.description)"
            }
        }
        if renamed { DurableFiles.syncFolder(context.layout.reports) }
        var folders: Set<String> = []
        for index in batch.indices where batch[index].failure == nil {
            let destination = batch[index].destination
            do {
                try move(batch[index].workPath, to: destination)
                folders.insert((destination as NSString).deletingLastPathComponent)
            } catch {
                batch[index].failure = "cannot move the file to \(destination): \(error.description)"
            }
        }
        for folder in folders.sorted() { DurableFiles.syncFolder(folder) }
    }

    /// Moves the work file to its final place, never replacing a file there.
    ///
    /// Crash points: the rename is atomic (the file is in the work folder or in its final folder,
    /// never both, never neither). Where `link` + `unlink` stands in for it (see
    /// ``DurableFiles/renameNoReplace(_:_:)``), a crash between the two leaves both names on one
    /// file: the next attempt finds the destination holding the same file and removes the work
    /// name only.
    ///
    /// The destination folder is not flushed here: ``file(_:)`` flushes it once per batch.
    func move(_ workPath: String, to destination: String) throws(DurableFiles.Failure) {
        do {
            try DurableFiles.renameNoReplace(workPath, destination)
        } catch let failure where failure.isExisting {
            guard Self.sameFile(workPath, destination) else { throw failure }
            guard unlink(workPath) == 0 else { throw DurableFiles.Failure("unlink", workPath) }
        } catch let failure where failure.code == EXDEV {
            try DurableFiles.moveAcrossFileSystems(workPath, destination)
        }
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat()
        var second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        if first.st_dev == second.st_dev && first.st_ino == second.st_ino { return true }
        return first.st_size == second.st_size && FileManager.default.contentsEqual(atPath: a, andPath: b)
    }

}
