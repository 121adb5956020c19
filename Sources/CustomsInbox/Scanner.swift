import Foundation

/// Wakes up to list the folders again: on request (inotify overflow, a drained queue that had
/// dropped names) or every `interval` seconds (the safety rescan), on its own thread.
final class RescanTimer: @unchecked Sendable {
    private let condition = NSCondition()
    private var requested = false
    private var stopped = false
    private var finished = false

    /// Starts the thread; `scan` runs on it, never twice at once.
    init(interval: Double, scan: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            while true {
                condition.lock()
                let deadline = Date().addingTimeInterval(interval)
                while !requested && !stopped && condition.wait(until: deadline) {}
                let stop = stopped
                requested = false
                condition.unlock()
                if stop { break }
                scan()
            }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "customs-rescan"
        thread.start()
    }

    func request() {
        condition.lock()
        requested = true
        condition.signal()
        condition.unlock()
    }

    /// Stops the thread, waiting for a scan in progress to end.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
