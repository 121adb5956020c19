import CustomsCore
import CustomsFormats
import CustomsXML
import Dispatch
import Foundation

/// Streams the records of one XML document to a consumer in document order; for a large file,
/// libxml2 parses on a second thread while the consumer (the format adapter) runs on this one.
///
/// The records, the findings and their order are the same either way: the parser thread hands
/// records over in batches through a bounded FIFO (at most ``capacity`` batches of
/// ``batchSize`` records in flight, so memory stays bounded by a few hundred records), and the
/// outcome is returned once both sides are done.
enum OverlappedReading {
    /// Files from this size (bytes) are parsed on a second thread when there is more than one job.
    static let threshold = 16 << 20
    static let batchSize = 32
    static let capacity = 8

    static func read(
        _ reader: XMLDocumentReader, adapter: any XMLFormatAdapter, overlapped: Bool, consume: (XMLElement) -> Void
    ) -> XMLReadOutcome {
        guard overlapped else { return reader.read(role: adapter.role(for:), onRecord: consume) }
        let pipe = RecordPipe(capacity: capacity)
        let parser = Thread {
            var batch: [XMLElement] = []
            batch.reserveCapacity(batchSize)
            let outcome = reader.read(role: adapter.role(for:)) { record in
                batch.append(record)
                if batch.count == batchSize {
                    pipe.put(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { pipe.put(batch) }
            pipe.finish(outcome)
        }
        parser.stackSize = 8 << 20
        parser.start()
        while let batch = pipe.take() {
            for record in batch { consume(record) }
        }
        // The producer closes the pipe with the outcome before `take()` can return nil.
        return pipe.outcome()!
    }
}

/// A bounded FIFO of record batches from one producer thread to one consumer thread, closed by
/// the producer with the reading's outcome.
final class RecordPipe: Sendable {
    private struct State {
        var batches: [[XMLElement]] = []
        var outcome: XMLReadOutcome?
    }

    private let state = LockedValue(State())
    /// Counts the batches put (and the close) not yet taken.
    private let filled = DispatchSemaphore(value: 0)
    /// Counts the free places.
    private let free: DispatchSemaphore

    init(capacity: Int) {
        free = DispatchSemaphore(value: capacity)
    }

    /// Blocks while the pipe is full.
    func put(_ batch: [XMLElement]) {
        free.wait()
        state.withLock { $0.batches.append(batch) }
        filled.signal()
    }

    /// Closes the pipe: after the batches already put, ``take()`` returns `nil`.
    func finish(_ outcome: XMLReadOutcome) {
        state.withLock { $0.outcome = outcome }
        filled.signal()
    }

    /// The next batch in order, or `nil` once the pipe is closed and empty; blocks until then.
    func take() -> [XMLElement]? {
        filled.wait()
        let batch: [XMLElement]? = state.withLock { state in
            state.batches.isEmpty ? nil : state.batches.removeFirst()
        }
        if batch != nil { free.signal() }
        return batch
    }

    /// The outcome the producer closed the pipe with; set once ``take()`` returned `nil`.
    func outcome() -> XMLReadOutcome? {
        state.withLock { $0.outcome }
    }
}
