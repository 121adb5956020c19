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

    /// Adds a row; returns a `csv.malformed` message when its id comes back.
    mutating func add(_ record: CSVRecord) -> String? {
        if events != nil {
            events!.add(record)
            return nil
        }
        let id = context.columns.index[.id].map { record.fields[$0] } ?? ""
        if let assembler = current, id.isEmpty || id == assembler.id {
            assembler.add(record)
            return nil
        }
        var message: String?
        if let assembler = current {
            finished.insert(CSVGrouping.hash(assembler.id))
            ready.append(assembler.finish())
        }
        if !id.isEmpty, finished.contains(CSVGrouping.hash(id)) {
            message = "id '\(id)' comes back on row \(record.row) after other declarations; the rows of one declaration must be consecutive"
        }
        let assembler = CSVDeclarationAssembler(context: context, id: id, firstRow: record.row)
        assembler.add(record)
        current = assembler
        return message
    }

    mutating func finish() {
        if let events {
            for draft in events.finish() { ready.append(draft) }
            return
        }
        if let current { ready.append(current.finish()) }
        current = nil
    }

    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
