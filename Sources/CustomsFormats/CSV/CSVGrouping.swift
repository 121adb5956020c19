/// Groups the rows of the declarations layout into declarations by `id`, or collects the events
/// layout, handing each finished declaration on at once.
///
/// A row with an empty `id` continues the current declaration (declaration columns may stand on
/// its first row only). An id that comes back after another declaration is `csv.malformed`: it
/// is read as a further declaration of that id. Ids already finished are remembered by a 64-bit
/// hash (FNV-1a), so memory grows by 8 bytes a declaration, not by the declarations.
struct CSVGrouping {
    let context: CSVFileContext
    /// Finished declarations not yet taken by the caller.
    var ready: [DeclarationDraft] = []
    private var current: CSVDeclarationAssembler?
    private var finished = Set<UInt64>()
    private var events: CSVEventReader?

    init(context: CSVFileContext) {
        self.context = context
        if context.columns.layout == .events { events = CSVEventReader(context: context) }
    }

    /// Adds a row; returns a `csv.malformed` message when its id comes back, and the
    /// declaration the row finished, if any (handed on as it is, not kept in `ready`).
    mutating func add(_ record: CSVRecord) -> (message: String?, finished: DeclarationDraft?) {
        if events != nil {
            events!.add(record)
            return (nil, nil)
        }
        let idColumn = context.columns.index[.id]
        if let assembler = current {
            // Same declaration: no id, or the bytes of the first row's id (as `String`s when they
            // differ, which compare by canonical equivalence).
            guard let idColumn, !record.isEmpty(idColumn) else { assembler.add(record); return (nil, nil) }
            if let first = assembler.first,
               record.same(idColumn, as: first, idColumn) || record[idColumn] == first[idColumn] {
                assembler.add(record)
                return (nil, nil)
            }
        }
        var message: String?
        var draft: DeclarationDraft?
        if let assembler = current {
            if let first = assembler.first { finished.insert(CSVGrouping.hash(first, idColumn)) }
            draft = assembler.finish()
        }
        if let idColumn, !record.isEmpty(idColumn), finished.contains(CSVGrouping.hash(record, idColumn)) {
            message = "id '\(record[idColumn])' comes back on row \(record.row) after other declarations; the rows of one declaration must be consecutive"
        }
        // One assembler per file, its storage reused from declaration to declaration.
        let assembler: CSVDeclarationAssembler
        if let current {
            current.reset(firstRow: record.row)
            assembler = current
        } else {
            assembler = CSVDeclarationAssembler(context: context, firstRow: record.row)
        }
        assembler.add(record)
        current = assembler
        return (message, draft)
    }

    mutating func finish() {
        if let events {
            for draft in events.finish() { ready.append(draft) }
            return
        }
        if let current { ready.append(current.finish()) }
        current = nil
    }

    /// The FNV-1a hash of the bytes of the record's id (of an empty id when there is no id column).
    static func hash(_ record: CSVRecord, _ column: Int?) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        guard let column else { return hash }
        record.withBytes(column) { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        return hash
    }
}
