import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Taking a file out of the inbox: one atomic rename into `INBOX/.customs-work/`.
///
/// Crash points:
/// - before the rename: the file is still in the inbox under its own name; the scan at the next
///   start finds it.
/// - after the rename: the file is in the work folder as `ID.c~NAME` (``WorkName``); recovery at
///   the next start processes it from the beginning (nothing else has happened to it yet).
///
/// The rename either happens whole or not at all, so a file is never in both places, and two
/// workers can never both claim it: the second rename fails with `ENOENT` (a vanished file).
final class InboxClaim: Sendable {
    let layout: InboxLayout
    private let counter = Atomic<Int>(0)
    private let prefix: String

    init(layout: InboxLayout) {
        self.layout = layout
        let milliseconds = Int(Date().timeIntervalSince1970 * 1000)
        prefix = String(milliseconds, radix: 36) + "-" + String(getpid(), radix: 36)
    }

    /// What happened to a name offered for claiming.
    enum Outcome {
        case claimed(WorkName)
        /// Gone (claimed by someone else, moved or deleted by its writer), not a regular file, or
        /// an ignored name: nothing to do.
        case skipped
        /// Still open for writing by another process: its `IN_CLOSE_WRITE` will come.
        case busy
        case failed(String)
    }

    func claim(_ name: String) -> Outcome {
        guard InboxNames.isCandidate(name) else { return .skipped }
        let source = layout.inboxPath(name)
        guard DurableFiles.isRegularFile(source) else { return .skipped }
        if WriterCheck.isOpenForWriting(source) { return .busy }
        let id = prefix + "-" + String(counter.add(1, ordering: .relaxed).newValue, radix: 36)
        let work = WorkName(id: id, state: .claimed, name: name)
        do {
            try DurableFiles.rename(source, layout.workPath(work))
            return .claimed(work)
        } catch {
            return error.isMissing ? .skipped : .failed(error.description)
        }
    }
}

/// Whether another process still holds a file open for writing, asked the kernel through a read
/// lease (`fcntl(F_SETLEASE, F_RDLCK)` fails with `EAGAIN` while any writer has it open).
///
/// A lease needs the file's owner or `CAP_LEASE`; without either the answer is "not open", and
/// the daemon relies on `IN_CLOSE_WRITE` alone (and on writers that rename finished files in).
enum WriterCheck {
    static func isOpenForWriting(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let F_SETLEASE: Int32 = 1024
        if fcntl(descriptor, F_SETLEASE, Int32(F_RDLCK)) == 0 {
            _ = fcntl(descriptor, F_SETLEASE, Int32(F_UNLCK))
            return false
        }
        return errno == EAGAIN
    }
}
