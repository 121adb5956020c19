import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Watches one folder with inotify on a dedicated thread and reports names that are ready.
///
/// `IN_CLOSE_WRITE` (a writer finished) and `IN_MOVED_TO` (a file renamed in) report the name;
/// `IN_CREATE` is not watched, so a file still being written is never reported. `IN_Q_OVERFLOW`
/// (the kernel dropped events) reports ``Event/rescan``: the folder must be listed again. The
/// thread polls a stop flag every 200 ms, so ``stop()`` returns promptly.
final class InotifyWatcher: Sendable {
    enum Event: Sendable {
        case ready(String)
        case rescan
    }

    private let descriptor: Int32
    private let stopping = Atomic<Bool>(false)
    private let finished = Mutex<Bool>(false)

    /// Starts watching `folder`; `onEvent` is called on the watcher's thread.
    /// - Throws: ``InboxError`` when inotify cannot be set up (no descriptors left, no such folder).
    init(folder: String, onEvent: @escaping @Sendable (Event) -> Void) throws(InboxError) {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { throw InboxError("inotify_init1: \(String(cString: strerror(errno)))") }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_ONLYDIR)
        guard inotify_add_watch(descriptor, folder, mask) >= 0 else {
            let message = String(cString: strerror(errno))
            close(descriptor)
            throw InboxError("inotify_add_watch \(folder): \(message)")
        }
        self.descriptor = descriptor
        let thread = Thread { [self] in loop(onEvent) }
        thread.name = "customs-inotify"
        thread.start()
    }

    /// Stops the thread and closes the descriptor (waits at most one poll interval).
    func stop() {
        stopping.store(true, ordering: .relaxed)
        while !finished.withLock({ $0 }) { usleep(10_000) }
    }

    private func loop(_ onEvent: @Sendable (Event) -> Void) {
        defer {
            close(descriptor)
            finished.withLock { $0 = true }
        }
        let bufferSize = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferSize, alignment: 8)
        defer { buffer.deallocate() }
        while !stopping.load(ordering: .relaxed) {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 200)
            guard ready > 0 else { continue }
            let count = read(descriptor, buffer, bufferSize)
            guard count > 0 else { continue }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = offset + MemoryLayout<inotify_event>.size
                if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    onEvent(.rescan)
                } else if event.len > 0, event.mask & UInt32(IN_ISDIR) == 0 {
                    let name = String(cString: (buffer + nameStart).assumingMemoryBound(to: CChar.self))
                    onEvent(.ready(name))
                }
                offset = nameStart + Int(event.len)
            }
        }
    }
}
