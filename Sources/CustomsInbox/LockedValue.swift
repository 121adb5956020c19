import Foundation

/// A value shared between worker threads behind a pthread mutex (`NSLock`).
///
/// Used instead of `Synchronization.Mutex` for the daemon's shared name sets: ThreadSanitizer
/// models pthread locks, not the raw futex calls `Mutex` makes on Linux, so with `Mutex` every
/// access looked like a race under `--sanitize=thread`.
final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
