public import CustomsCore
public import CustomsReconcile
import CustomsTiming

/// The declarations of one file, in file order: in memory, or — for a file with many of them,
/// when the batch has a ``DeclarationSpill`` — encoded in the batch's temporary file and decoded
/// again each time one is read.
///
/// A list starts in memory. When it reaches ``spillThreshold`` declarations and the batch has a
/// spill, it moves them to the spill and writes every later one there (in blocks of about
/// 1 MiB), so what stays in memory is 16 bytes per declaration. A declaration the spill refuses
/// (no temporary directory, disk full) stays in memory: nothing is lost.
///
/// Reading a spilled declaration decodes it (about a microsecond); iterating reads the file in
/// blocks. Keys (``DeclarationKeys``) of a spilled list are applied as it is read.
public struct DeclarationList: DeclarationCollection, Sendable, ExpressibleByArrayLiteral {
    /// Declarations a file keeps in memory before it spills (when the batch has a spill).
    public static let spillThreshold = 4096

    /// Every declaration, when not spilled; when spilled, only those the spill refused or that
    /// were replaced (``subscript(_:)``), referred to by their slots.
    private var memory: [Declaration]
    private var spilled: Spilled?
    /// ``CustomsCore/DeclarationCopies/identityHash(of:)`` of each declaration, in order: the
    /// copies in a batch are found from these without reading the declarations again.
    public private(set) var identityHashes: [UInt64?]
    /// What the consignment matcher reads of each declaration, noted as it is appended, so that
    /// the batch's pairs are found without reading the declarations again; `nil` for a list made
    /// from an array, or once a declaration was replaced.
    public private(set) var matchFacts: MatchFacts?
    /// The timing findings of each declaration, found as it is appended when the list was made
    /// with a timing stage; `nil` otherwise, or once a declaration was replaced.
    private(set) var notedTiming: NotedTiming?
    private let spill: DeclarationSpill?
    private let threshold: Int

    public init() {
        self.init([])
    }

    public init(_ declarations: [Declaration]) {
        memory = declarations
        identityHashes = declarations.map(DeclarationCopies.identityHash(of:))
        matchFacts = nil
        notedTiming = nil
        spilled = nil
        spill = nil
        threshold = Self.spillThreshold
    }

    public init(arrayLiteral declarations: Declaration...) {
        self.init(declarations)
    }

    /// An empty list that spills to `spill` once it holds `threshold` declarations; with `timing`,
    /// each declaration is timed as it is appended (``notedTiming``).
    init(spill: DeclarationSpill?, threshold: Int = Self.spillThreshold, timing: TimingStage? = nil) {
        memory = []
        identityHashes = []
        matchFacts = MatchFacts()
        notedTiming = timing.map(NotedTiming.init(stage:))
        spilled = nil
        self.spill = spill
        self.threshold = Swift.max(1, threshold)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { spilled?.slots.count ?? memory.count }

    /// Whether the declarations are in the batch's temporary file.
    public var isSpilled: Bool { spilled != nil }

    public subscript(position: Int) -> Declaration {
        get {
            guard let spilled else { return memory[position] }
            return spilled.declaration(at: position, memory: memory, goodsItems: true)
        }
        set {
            identityHashes[position] = DeclarationCopies.identityHash(of: newValue)
            matchFacts = nil
            notedTiming = nil
            guard spilled != nil else {
                memory[position] = newValue
                return
            }
            // A replaced declaration stays in memory (rare: renaming a file's declarations), as
            // given: like a list in memory, its key is what it carries once keys are assigned.
            let old = spilled!.declaration(at: position, memory: memory, goodsItems: false)
            spilled!.countSource(old.source.file, by: -1)
            spilled!.countSource(newValue.source.file, by: 1)
            if spilled!.keys == nil { spilled!.noteID(newValue.id) }
            if let type = newValue.messageType { spilled!.messageTypes.insert(type) }
            if case let .inMemory(index) = spilled!.slots[position] {
                memory[index] = newValue
            } else {
                memory.append(newValue)
                spilled!.slots[position] = .inMemory(memory.count - 1)
            }
        }
    }

    /// The declaration at `position` without its goods items when it is spilled (cheaper to
    /// read); in memory it is returned whole. For stages that read no goods item.
    public func header(at position: Int) -> Declaration {
        guard let spilled else { return memory[position] }
        return spilled.declaration(at: position, memory: memory, goodsItems: false)
    }

    /// The declaration at `position`, read through `block` when spilled (see ``forEach(at:goodsItems:_:)``).
    func declaration(at position: Int, goodsItems: Bool, block: inout SpillBlock) -> Declaration {
        guard let spilled else { return memory[position] }
        return spilled.declaration(at: position, memory: memory, goodsItems: goodsItems, block: &block)
    }

    public func forEach(at positions: some Collection<Int>, goodsItems: Bool, _ body: (Int, Declaration) -> Void) {
        var block = SpillBlock()
        for position in positions { body(position, declaration(at: position, goodsItems: goodsItems, block: &block)) }
    }

    /// The key of the declaration at `position` (``assignKeys(fileHash:)``), without the whole
    /// declaration: read in place in memory, from the identity of a spilled one.
    public func key(at position: Int) -> String {
        guard let spilled else { return memory[position].key }
        var block = SpillBlock()
        return spilled.identity(at: position, memory: memory, block: &block).key
    }

    /// The identities of the declarations at `positions`, in order: of a spilled declaration only
    /// its first fields are read (``CustomsCore/DeclarationCodec/decodeIdentity(_:)``).
    public func forEachIdentity(at positions: some Collection<Int>, _ body: (Int, DeclarationIdentity) -> Void) {
        guard let spilled else {
            for position in positions { body(position, DeclarationIdentity(memory[position])) }
            return
        }
        var block = SpillBlock()
        for position in positions { body(position, spilled.identity(at: position, memory: memory, block: &block)) }
    }

    /// Appends `declaration`; one handed over (moved, not copied) is kept as it is, not copied.
    public mutating func append(_ declaration: consuming Declaration) {
        note(declaration)
        if spilled == nil {
            memory.append(declaration)
            if let spill, memory.count >= threshold { startSpilling(spill) }
            return
        }
        spilled!.append(declaration, memory: &memory)
    }

    /// Appends `declaration`'s ``CustomsCore/Declaration/crossFileForm``: once the list spills,
    /// written straight from `declaration` in that form (``CustomsCore/EncodingForm/crossFile``),
    /// with no reduced copy made. The identity hash, match facts and timing read only parts the
    /// form keeps, so they are those of the reduced declaration.
    ///
    /// Not inlined: a declaration read in place from the caller's storage was copied, inlined,
    /// before it was encoded (it could not be shown apart from the list being changed).
    ///
    /// In memory, the declaration is reduced in place (``CustomsCore/Declaration/reduceToCrossFileForm()``):
    /// one handed over (moved, not copied) has its goods items changed where they lie.
    @inline(never)
    public mutating func appendCrossFileForm(of declaration: consuming Declaration) {
        guard spilled != nil else {
            var reduced = declaration
            reduced.reduceToCrossFileForm()
            append(reduced)
            return
        }
        note(declaration)
        spilled!.append(declaration, crossFile: true, memory: &memory)
    }

    /// What the list notes of every declaration appended: its identity hash, match facts and timing.
    @inline(__always)
    private mutating func note(_ declaration: Declaration) {
        identityHashes.append(DeclarationCopies.identityHash(of: declaration))
        matchFacts?.append(declaration)
        notedTiming?.append(declaration)
    }

    /// Hands over the ``matchFacts`` (once every declaration is appended): the list keeps none.
    public mutating func takeMatchFacts() -> MatchFacts? {
        defer { matchFacts = nil }
        matchFacts?.finish()
        return matchFacts
    }

    /// Writes what is still buffered to the spill and lets the buffer go (the file is read: a
    /// batch of many spilled files must not keep a 1 MiB buffer each).
    mutating func finishWriting() {
        guard spilled != nil else { return }
        spilled!.flush(memory: &memory)
        spilled!.buffer = []
    }

    /// Gives each declaration its key (``DeclarationKeys``): set in place in memory, applied on
    /// every read when spilled. `fileHash` is asked for when a declaration in memory has no id,
    /// and always for a spilled list (its declarations are not read again to find out).
    mutating func assignKeys(fileHash: @autoclosure () -> String?) {
        // The file is read: the match facts' buffers go (a batch may have thousands of files).
        matchFacts?.finish()
        guard spilled != nil else {
            DeclarationKeys.assign(&memory, fileHash: fileHash())
            return
        }
        finishWriting()
        var repeated = Set<String>()
        if !spilled!.repeatedCandidates.isEmpty {
            // Some id hashes repeat: count those ids exactly (reading the file in blocks).
            var counts: [String: Int] = [:]
            for declaration in headers {
                if let id = declaration.id, spilled!.repeatedCandidates.contains(id) { counts[id, default: 0] += 1 }
            }
            repeated = Set(counts.filter { $0.value > 1 }.keys)
        }
        let rule = DeclarationKeys.Rule(fileHash: fileHash(), repeatedIDs: repeated)
        // Declarations kept in memory get their key now; those in the file as they are read.
        for (position, slot) in spilled!.slots.enumerated() {
            if case let .inMemory(index) = slot { memory[index].key = rule.key(id: memory[index].id, position: position) }
        }
        spilled!.keys = rule
        spilled!.idHashes = []
        spilled!.repeatedCandidates = []
    }

    private mutating func startSpilling(_ spill: DeclarationSpill) {
        var moved = Spilled(spill: spill)
        var kept: [Declaration] = []
        for declaration in memory { moved.append(declaration, memory: &kept) }
        memory = kept
        spilled = moved
    }

    /// The message types of the declarations (``CustomsCore/Declaration/messageType``), each once:
    /// which kinds of message a stage must look among, without reading them.
    public var messageTypes: Set<String> {
        if let spilled { return spilled.messageTypes }
        return Set(memory.compactMap(\.messageType))
    }

    /// Whether a declaration of the list is of one of `types` (without collecting ``messageTypes``).
    public func holdsMessageType(of types: Set<String>) -> Bool {
        if let spilled { return !spilled.messageTypes.isDisjoint(with: types) }
        // By index: no declaration is copied.
        return memory.indices.contains { memory[$0].messageType.map(types.contains) ?? false }
    }

    /// The source files of the declarations (``CustomsCore/SourceLocation/file``), each once:
    /// normally only the file's own path.
    public var sourceFiles: [String] {
        if let spilled { return spilled.sourceFiles.filter { $0.count > 0 }.map(\.file) }
        var files: [String] = []
        for declaration in memory where !files.contains(declaration.source.file) { files.append(declaration.source.file) }
        return files
    }

    public struct Iterator: IteratorProtocol {
        private let list: DeclarationList
        private let goodsItems: Bool
        private var position = 0
        private var block = SpillBlock()

        init(_ list: DeclarationList, goodsItems: Bool) {
            self.list = list
            self.goodsItems = goodsItems
        }

        public mutating func next() -> Declaration? {
            guard position < list.endIndex else { return nil }
            defer { position += 1 }
            guard let spilled = list.spilled else { return list.memory[position] }
            return spilled.declaration(at: position, memory: list.memory, goodsItems: goodsItems, block: &block)
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(self, goodsItems: true)
    }

    /// The same declarations, read without their goods items when spilled
    /// (``header(at:)``): for stages that read no goods item.
    public var headers: Headers { Headers(list: self) }

    public struct Headers: RandomAccessCollection, Sendable {
        let list: DeclarationList

        public var startIndex: Int { 0 }
        public var endIndex: Int { list.endIndex }

        public subscript(position: Int) -> Declaration {
            list.header(at: position)
        }

        public func makeIterator() -> Iterator {
            Iterator(list, goodsItems: false)
        }
    }
}

/// Where one spilled declaration is: a range of the spill (or of the pending buffer), or an
/// index into the list's memory. `sharesFile`: its source file is the list's first
/// declaration's, which was not written again (``Spilled/commonFile``).
enum SpillSlot: Sendable {
    case inFile(offset: Int64, length: Int32, sharesFile: Bool)
    case inBuffer(offset: Int32, length: Int32, sharesFile: Bool)
    case inMemory(Int)
}

/// A block of the spill read at once, for reading consecutive declarations.
struct SpillBlock {
    var start: Int64 = 0
    var bytes: [UInt8] = []

    static let size = 1 << 20

    func contains(_ offset: Int64, _ length: Int32) -> Bool {
        offset >= start && offset + Int64(length) <= start + Int64(bytes.count)
    }
}

/// The spilled part of a ``DeclarationList``.
struct Spilled: Sendable {
    let spill: DeclarationSpill
    var slots: [SpillSlot] = []
    /// Encoded declarations not yet written (written when about 1 MiB).
    var buffer: [UInt8] = []
    var keys: DeclarationKeys.Rule?
    /// Hashes of the ids appended so far, and the ids whose hash came again (exactly counted
    /// when keys are assigned): whether an id is unique in the file without keeping every id.
    var idHashes = Set<Int>()
    var repeatedCandidates = Set<String>()
    /// The declarations' source files, in order of first appearance, with how many name each.
    var sourceFiles: [(file: String, count: Int)] = []
    /// Every message type appended or set (a superset once one is replaced).
    var messageTypes = Set<String>()
    /// The first slot of the declarations in `buffer`.
    var bufferedFrom = 0
    /// The source file of the first declaration: a declaration of the same file is written
    /// without it (one path less per declaration to write and to make again on every read).
    var commonFile: String?

    init(spill: DeclarationSpill) {
        self.spill = spill
    }

    /// Encodes `declaration` (its ``CustomsCore/Declaration/crossFileForm`` with `crossFile`)
    /// into the buffer, or keeps it in `memory` when the buffer cannot take it.
    mutating func append(_ declaration: Declaration, crossFile: Bool = false, memory: inout [Declaration]) {
        noteID(declaration.id)
        countSource(declaration.source.file, by: 1)
        if let type = declaration.messageType { messageTypes.insert(type) }
        let start = buffer.count
        if commonFile == nil { commonFile = declaration.source.file }
        let sharesFile = declaration.source.file == commonFile
        DeclarationCodec.encode(declaration, form: EncodingForm(omitsFile: sharesFile, crossFile: crossFile), into: &buffer)
        let length = buffer.count - start
        guard start + length <= Int(Int32.max) else {
            buffer.removeSubrange(start...)
            memory.append(crossFile ? declaration.crossFileForm : declaration)
            slots.append(.inMemory(memory.count - 1))
            return
        }
        slots.append(.inBuffer(offset: Int32(start), length: Int32(length), sharesFile: sharesFile))
        if buffer.count >= SpillBlock.size { flush(memory: &memory) }
    }

    /// Keeps track of ids whose hash came before (a superset of the ids that repeat).
    mutating func noteID(_ id: String?) {
        if let id, !idHashes.insert(id.hashValue).inserted { repeatedCandidates.insert(id) }
    }

    mutating func countSource(_ file: String, by change: Int) {
        if let last = sourceFiles.indices.last, sourceFiles[last].file == file {
            sourceFiles[last].count += change
        } else if let index = sourceFiles.firstIndex(where: { $0.file == file }) {
            sourceFiles[index].count += change
        } else {
            sourceFiles.append((file, change))
        }
    }

    /// Writes the buffer to the spill and points its slots there; if the spill refuses, the
    /// buffered declarations are decoded back into memory.
    mutating func flush(memory: inout [Declaration]) {
        defer { bufferedFrom = slots.count }
        guard !buffer.isEmpty else { return }
        let base = spill.append(buffer)
        for index in bufferedFrom..<slots.count {
            guard case let .inBuffer(offset, length, sharesFile) = slots[index] else { continue }
            if let base {
                slots[index] = .inFile(offset: base + Int64(offset), length: length, sharesFile: sharesFile)
            } else {
                var declaration = buffer.withUnsafeBytes {
                    DeclarationCodec.decode(UnsafeRawBufferPointer(rebasing: $0[Int(offset)..<Int(offset) + Int(length)]))
                }
                if sharesFile, let commonFile { declaration?.source.file = commonFile }
                // Decoding what this process just encoded cannot fail; if it did, the batch says so.
                if declaration == nil { spill.noteReadFailure() }
                memory.append(declaration ?? Spilled.unreadable)
                slots[index] = .inMemory(memory.count - 1)
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func declaration(at position: Int, memory: [Declaration], goodsItems: Bool) -> Declaration {
        var block = SpillBlock()
        return declaration(at: position, memory: memory, goodsItems: goodsItems, block: &block, readsAhead: false)
    }

    /// Reads through `block` (reading the next 1 MiB of the file when the declaration is not in it).
    func declaration(at position: Int, memory: [Declaration], goodsItems: Bool, block: inout SpillBlock, readsAhead: Bool = true) -> Declaration {
        let read = read(at: position, memory: memory, block: &block, readsAhead: readsAhead) { bytes in
            DeclarationCodec.decode(bytes, goodsItems: goodsItems)
        }
        switch read {
        case let .inMemory(declaration):
            return declaration
        case let .decoded(declaration, sharesFile):
            guard var declaration else {
                spill.noteReadFailure()
                return Spilled.unreadable
            }
            if sharesFile, let commonFile { declaration.source.file = commonFile }
            if let keys { declaration.key = keys.key(id: declaration.id, position: position) }
            return declaration
        }
    }

    /// The identity of the declaration at `position` (``CustomsCore/DeclarationCodec/decodeIdentity(_:)``:
    /// its first fields only), read through `block`; an unreadable one's is ``unreadable``'s.
    func identity(at position: Int, memory: [Declaration], block: inout SpillBlock) -> DeclarationIdentity {
        switch read(at: position, memory: memory, block: &block, readsAhead: true, decode: DeclarationCodec.decodeIdentity) {
        case let .inMemory(declaration):
            return DeclarationIdentity(declaration)
        case let .decoded(identity, _):
            guard var identity else {
                spill.noteReadFailure()
                return DeclarationIdentity(Spilled.unreadable)
            }
            if let keys { identity.key = keys.key(id: identity.id, position: position) }
            return identity
        }
    }

    /// A declaration kept in memory, or what `decode` made of its bytes in the buffer or the file
    /// (`nil` when they could not be read or decoded) and whether its source file was left out.
    private enum Read<Decoded> {
        case inMemory(Declaration)
        case decoded(Decoded?, sharesFile: Bool)
    }

    private func read<Decoded>(
        at position: Int, memory: [Declaration], block: inout SpillBlock, readsAhead: Bool,
        decode: (UnsafeRawBufferPointer) -> Decoded?
    ) -> Read<Decoded> {
        switch slots[position] {
        case let .inMemory(index):
            // Kept in memory: its key is set (``DeclarationList/assignKeys(fileHash:)``, or as given).
            return .inMemory(memory[index])
        case let .inBuffer(offset, length, sharesFile):
            return .decoded(buffer.withUnsafeBytes {
                decode(UnsafeRawBufferPointer(rebasing: $0[Int(offset)..<Int(offset) + Int(length)]))
            }, sharesFile: sharesFile)
        case let .inFile(offset, length, sharesFile):
            if !block.contains(offset, length) {
                let size = readsAhead ? max(Int(length), SpillBlock.size) : Int(length)
                let available = min(Int64(size), spill.size - offset)
                block.start = offset
                block.bytes = [UInt8](repeating: 0, count: Int(max(available, 0)))
                let read = block.bytes.withUnsafeMutableBytes { spill.read(at: offset, into: $0) }
                if !read { block.bytes = [] }
            }
            guard block.contains(offset, length) else { return .decoded(nil, sharesFile: sharesFile) }
            let from = Int(offset - block.start)
            return .decoded(block.bytes.withUnsafeBytes {
                decode(UnsafeRawBufferPointer(rebasing: $0[from..<from + Int(length)]))
            }, sharesFile: sharesFile)
        }
    }

    /// What a read that failed gives: no id, no key, its format `unreadable`; the batch reports
    /// the failure (``DeclarationSpill/readFailures``).
    static let unreadable = Declaration(sourceFormat: unreadableFormat, source: SourceLocation(file: ""))
    static let unreadableFormat = "unreadable"
}
