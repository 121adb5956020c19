import Foundation

/// A value shared between threads behind a pthread mutex (`NSLock`).
///
/// Used instead of `Synchronization.Mutex` wherever threads share a value (the batch's results,
/// the record pipe of a large file, the timing findings, the daemon's name sets):
/// ThreadSanitizer models pthread locks, not the raw futex calls `Mutex` makes on Linux, so with
/// `Mutex` every access looked like a race under `--sanitize=thread`.
public final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
