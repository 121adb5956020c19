import CustomsCore
import Dispatch

/// A bounded FIFO of batches from one producer thread to one consumer thread, closed by the
/// producer with the reading's outcome (the XML and CSV hand-overs of the pipeline, the CSV
/// record read-ahead).
public final class BoundedPipe<Item: Sendable, Outcome: Sendable>: Sendable {
    private struct State {
        var batches: [[Item]] = []
        var outcome: Outcome?
    }

    private let state = LockedValue(State())
    /// Counts the batches put (and the close) not yet taken.
    private let filled = DispatchSemaphore(value: 0)
    /// Counts the free places.
    private let free: DispatchSemaphore

    public init(capacity: Int) {
        free = DispatchSemaphore(value: capacity)
    }

    /// Blocks while the pipe is full.
    public func put(_ batch: [Item]) {
        free.wait()
        state.withLock { $0.batches.append(batch) }
        filled.signal()
    }

    /// Closes the pipe: after the batches already put, ``take()`` returns `nil`.
    public func finish(_ outcome: Outcome) {
        state.withLock { $0.outcome = outcome }
        filled.signal()
    }

    /// The next batch in order, or `nil` once the pipe is closed and empty; blocks until then.
    public func take() -> [Item]? {
        filled.wait()
        let batch: [Item]? = state.withLock { state in
            state.batches.isEmpty ? nil : state.batches.removeFirst()
        }
        if batch != nil { free.signal() }
        return batch
    }

    /// The outcome the producer closed the pipe with; set once ``take()`` returned `nil`.
    public func outcome() -> Outcome? {
        state.withLock { $0.outcome }
    }
}
