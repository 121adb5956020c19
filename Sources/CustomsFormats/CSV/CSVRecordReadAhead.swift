import CustomsCore
import Foundation

/// The records of a ``CSVRecordReader`` read on a thread of their own, ahead of the thread that
/// groups and assembles them: the bytes → records pass of a large file and its assembly into
/// declarations then run on two cores.
///
/// The records come in file order, in batches through a ``BoundedPipe`` (at most ``capacity``
/// batches of ``batchSize`` records in flight, so memory stays bounded by a few thousand rows,
/// not by the file). The records of a batch are written into one buffer as they are read
/// (``CSVRecordBatch``): the thread that assembles them frees one buffer per batch rather than
/// another thread's allocation per record, and a thread waits for the other once per batch.
/// The error that stopped the reader is thrown where it stopped it, after the records before
/// it: ``next()`` gives what the reader's own `next()` gives, in the same order.
final class CSVRecordReadAhead {
    static let batchSize = 512
    static let capacity = 4

    /// How the reading ended: at the end of the file, or on an error.
    private enum End: Sendable {
        case finished
        case failed(any Error)
    }

    /// The reader, handed to the reading thread (which alone uses it from then on).
    private final class Handover: @unchecked Sendable {
        var reader: CSVRecordReader
        init(_ reader: CSVRecordReader) { self.reader = reader }
    }

    private let pipe = BoundedPipe<CSVRecord, End>(capacity: capacity)
    /// Set when the consumer stops before the end: the reading thread then stops at its next batch.
    private let cancelled = LockedValue(false)
    private var batch: [CSVRecord] = []
    private var position = 0
    private var ended = false

    /// Starts reading `reader`'s records on a new thread.
    init(_ reader: CSVRecordReader) {
        let handover = Handover(reader)
        let pipe = self.pipe
        let cancelled = self.cancelled
        let thread = Thread {
            var batch = CSVRecordBatch()
            var end = End.finished
            do {
                while try handover.reader.next(appendingTo: &batch) {
                    if batch.count == CSVRecordReadAhead.batchSize {
                        if cancelled.withLock({ $0 }) { break }
                        pipe.put(batch.take())
                    }
                }
            } catch {
                end = .failed(error)
            }
            if batch.count > 0 { pipe.put(batch.take()) }
            pipe.finish(end)
        }
        thread.start()
    }

    deinit {
        // The consumer stopped early: let the reading thread finish (it never blocks on a pipe
        // that is being emptied) so it lets go of the file.
        guard !ended else { return }
        cancelled.withLock { $0 = true }
        while pipe.take() != nil {}
    }

    /// The next record, `nil` at the end of the file; throws the reader's error after the
    /// records read before it.
    func next() throws -> CSVRecord? {
        if position < batch.count {
            defer { position += 1 }
            return batch[position]
        }
        guard !ended else { return nil }
        if let next = pipe.take() {
            batch = next
            position = 1
            return next[0]
        }
        ended = true
        batch = []
        position = 0
        if case let .failed(error) = pipe.outcome() { throw error }
        return nil
    }
}
