import CustomsCore
import CustomsFormats
import CustomsXML
import Dispatch
import Foundation

/// Streams the records of one XML document, or the declarations of one CSV file, to a consumer
/// in document order; for a large file the reader (libxml2, the CSV reader) runs on a second
/// thread while the consumer (the format adapter, the rules) runs on this one, and the file is
/// read (and an XML file's markup guarded) on a third.
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

    /// The records of an XML document read flat (``XMLFlatRecord``), each lent to `consume` for
    /// the call only. Overlapped, the parsing thread only logs the events of complete records
    /// (``XMLRecordLog``) and the records are built from the logs on this thread, which has time
    /// to spare while the parser works; unoverlapped, the parser builds each record.
    static func readFlat(
        _ reader: XMLDocumentReader, adapter: any XMLFormatAdapter, overlapped: Bool, consume: (XMLFlatRecord) -> Void
    ) -> XMLReadOutcome {
        guard overlapped else { return reader.readFlat(role: adapter.role(for:), onRecord: consume) }
        var reader = reader
        reader.readsAhead = true
        var records = XMLRecordLog.Reader()
        return handOver({ log in records.forEachRecord(in: log, consume) }, batchSize: 1) { [reader] emit in
            reader.readLogged(role: adapter.role(for:), onLog: { emit($0) })
        }
    }

    /// The declarations of one CSV file, in file order, to `consume`; for a large file the CSV
    /// reader assembles declarations on a second thread while `consume` (rules, keeping the
    /// declaration) runs on this one — the same hand-over as for XML records — and reads the
    /// records it assembles them from on a third (``CustomsFormats/CSVDocumentReader/readsAhead``).
    /// Each declaration is lent to `consume` `inout`, where it lies: reading it makes no copy.
    static func read(
        _ reader: CSVDocumentReader, overlapped: Bool, consume: (inout DeclarationDraft) -> Void
    ) -> CSVReadOutcome {
        guard overlapped else { return reader.read(onDeclaration: { (draft: consuming DeclarationDraft) in consume(&draft) }) }
        var reader = reader
        reader.readsAhead = true
        return handOver(consume, batchSize: batchSize) { [reader] emit in reader.read(onDeclaration: emit) }
    }

    /// Runs `produce` on a second thread, handing what it emits over in batches through a
    /// ``BoundedPipe`` to `consume` on this one, in order, `batchSize` items at a time; returns
    /// `produce`'s outcome once both sides are done. What `produce` emits is moved into the batch,
    /// not copied.
    ///
    /// The batches consumed go back to the producer, which lets go of them when it hands over its
    /// next batch: what it allocated is freed on its own thread (cheaper in the allocator than
    /// freeing another thread's memory) and that work leaves the consumer's. At most the batches
    /// consumed between two hand-overs wait there.
    private static func handOver<Item: Sendable, Outcome: Sendable>(
        _ consume: (inout Item) -> Void, batchSize: Int, produce: @escaping @Sendable ((consuming Item) -> Void) -> Outcome
    ) -> Outcome {
        let pipe = BoundedPipe<Item, Outcome>(capacity: capacity)
        let spent = LockedValue<[[Item]]>([])
        let producer = Thread {
            var batch: [Item] = []
            batch.reserveCapacity(batchSize)
            let outcome = produce { (item: consuming Item) in
                batch.append(item)
                if batch.count == batchSize {
                    pipe.put(batch)
                    batch = []
                    batch.reserveCapacity(batchSize)
                    let consumed = spent.withLock { spent in
                        defer { spent.removeAll() }
                        return spent
                    }
                    withExtendedLifetime(consumed) {}
                }
            }
            if !batch.isEmpty { pipe.put(batch) }
            pipe.finish(outcome)
        }
        producer.stackSize = 8 << 20
        producer.start()
        while var batch = pipe.take() {
            // Each item is lent to `consume` where it lies in the batch, `inout`: not copied out of
            // it (a copy retains every string and array of a declaration, and releases them again;
            // an item lent as a plain argument is still copied to guard it).
            batch.withUnsafeMutableBufferPointer { items in
                for index in items.indices { consume(&items[index]) }
            }
            spent.withLock { $0.append(batch) }
        }
        // The producer closes the pipe with the outcome before `take()` can return nil.
        return pipe.outcome()!
    }
}

/// The XML record pipe of ``OverlappedReading``.
typealias RecordPipe = BoundedPipe<XMLElement, XMLReadOutcome>
