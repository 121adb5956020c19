import Foundation

/// A value worked out on a thread of its own while the caller does other work, e.g. the code
/// lists loaded while the XSDs compile and the folders are listed; ``value()`` waits for it and
/// gives it, or throws what the work threw — at the point the caller asks, so errors keep the
/// order they had when the work ran there.
public final class Ahead<Value: Sendable>: Sendable {
    private let outcome = LockedValue<Result<Value, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` on a new thread (8 MiB of stack, as the batch's other threads).
    public init(_ work: @escaping @Sendable () throws -> Value) {
        let outcome = outcome
        let done = done
        let thread = Thread {
            let result = Result { try work() }
            outcome.withLock { $0 = result }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the work to end; its value, or its error. May be asked more than once.
    public func value() throws -> Value {
        done.wait()
        done.signal()
        return try outcome.withLock { $0! }.get()
    }
}
