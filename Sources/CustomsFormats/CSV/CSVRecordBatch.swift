/// The records of one hand-over batch (``CSVRecordReadAhead``) written one after the other into
/// one buffer as they are read, each laid out as a ``CSVRecord`` lays out its own (its fields'
/// bytes, then their bounds): no buffer of its own per record to allocate, copy again and free.
///
/// ``take()`` gives the records, sharing the buffer, and starts the next batch in a new buffer of
/// about the size this one reached.
struct CSVRecordBatch {
    private var storage: [UInt8] = []
    private var records: [Entry] = []

    /// Where a record's bytes and bounds are in `storage`, and where it stands.
    private struct Entry {
        var base: Int
        var boundsOffset: Int
        var count: Int
        var row: Int
        var invalidField: Int?
    }

    /// The records written so far.
    var count: Int { records.count }

    /// Writes a record of fields already unescaped and trimmed: `bytes` holds the fields' bytes
    /// and `bounds` (2 × its field count) each field's start and end in them (as
    /// ``CSVRecord/init(row:bytes:bounds:invalidField:)`` takes them).
    mutating func append(row: Int, bytes: UnsafeBufferPointer<UInt8>, bounds: UnsafeBufferPointer<Int32>, invalidField: Int?) {
        let base = storage.count
        let offset = (bytes.count + 3) & ~3
        storage.append(contentsOf: bytes)
        storage.append(contentsOf: repeatElement(0, count: offset - bytes.count))
        storage.append(contentsOf: UnsafeRawBufferPointer(bounds))
        records.append(Entry(base: base, boundsOffset: base + offset, count: bounds.count >> 1, row: row, invalidField: invalidField))
    }

    /// Writes a record read on its own (the byte-by-byte path).
    mutating func append(_ record: CSVRecord) {
        record.withFieldsAndBounds { bytes, bounds in
            append(row: record.row, bytes: bytes, bounds: bounds, invalidField: record.invalidField)
        }
    }

    /// The records written, in order, sharing one buffer; the batch is empty again.
    mutating func take() -> [CSVRecord] {
        let storage = self.storage
        let taken = records.map { entry in
            CSVRecord(storage: storage, base: entry.base, boundsOffset: entry.boundsOffset, count: entry.count, row: entry.row, invalidField: entry.invalidField)
        }
        self.storage = []
        // An eighth more than this batch took: a longer next batch is not doubled.
        self.storage.reserveCapacity(storage.count + storage.count / 8)
        records.removeAll(keepingCapacity: true)
        return taken
    }
}
