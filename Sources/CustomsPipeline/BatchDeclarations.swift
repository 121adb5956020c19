public import CustomsCore
public import CustomsReconcile

/// Every declaration of a batch, file after file, as one random-access collection (positions
/// 0..<count), without copying them out of their ``FileResult``s: a spilled file's declarations
/// are read back from the batch's temporary file when accessed.
///
/// What the cross-file stages (timing, reconciliation) read.
public struct BatchDeclarations: DeclarationCollection, MatchFactsProviding, Sendable {
    private let lists: [DeclarationList]
    /// `starts[i]`: position of the first declaration of `lists[i]`; one more entry: the count.
    private let starts: [Int]
    private let facts: LockedValue<MatchFactsTable?>

    public init(_ results: [FileResult]) {
        self.init(results, matchFacts: MatchFactsTable(results.map(\.declarations.matchFacts)))
    }

    /// The declarations of `results`, with the ``CustomsReconcile/MatchFacts`` taken from them
    /// (``DeclarationList/takeMatchFacts()``), or none.
    public init(_ results: [FileResult], matchFacts: MatchFactsTable?) {
        facts = LockedValue(matchFacts.flatMap { $0.count == results.reduce(0) { $0 + $1.declarations.count } ? $0 : nil })
        lists = results.map(\.declarations)
        var starts = [0]
        for list in lists { starts.append(starts.last! + list.count) }
        self.starts = starts
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { starts.last! }

    public subscript(position: Int) -> Declaration {
        let (list, local) = locate(position)
        return lists[list][local]
    }

    /// The declaration at `position`, possibly without its goods items
    /// (``DeclarationList/header(at:)``).
    public func header(at position: Int) -> Declaration {
        let (list, local) = locate(position)
        return lists[list].header(at: local)
    }

    public func forEach(at positions: some Collection<Int>, goodsItems: Bool, _ body: (Int, Declaration) -> Void) {
        // One block for every file: their declarations share the batch's spill.
        var block = SpillBlock()
        for position in positions {
            let (list, local) = locate(position)
            body(position, lists[list].declaration(at: local, goodsItems: goodsItems, block: &block))
        }
    }

    /// The ``CustomsReconcile/MatchFacts`` of every file's declarations, when each file noted them
    /// as it was read: the matcher then reads no declaration to find the pairs. Handed over once:
    /// the first to ask has them, later askers get `nil` (and read the declarations), so the
    /// batch lets them go once its pairs are found.
    public var matchFacts: MatchFactsTable? {
        facts.withLock { facts in
            defer { facts = nil }
            return facts
        }
    }

    /// The index of the file and the position in it.
    private func locate(_ position: Int) -> (Int, Int) {
        SequenceStarts.locate(position, in: starts)
    }

    public struct Iterator: IteratorProtocol {
        private var lists: IndexingIterator<[DeclarationList]>
        private let goodsItems: Bool
        private var current: DeclarationList.Iterator?

        init(_ lists: [DeclarationList], goodsItems: Bool) {
            self.lists = lists.makeIterator()
            self.goodsItems = goodsItems
        }

        public mutating func next() -> Declaration? {
            while true {
                if let declaration = current?.next() { return declaration }
                guard let list = lists.next() else { return nil }
                current = goodsItems ? list.makeIterator() : list.headers.makeIterator()
            }
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(lists, goodsItems: true)
    }

    /// The same declarations, read without their goods items when spilled: for stages that read
    /// no goods item (timing, copies).
    public var headers: Headers { Headers(batch: self) }

    public struct Headers: DeclarationCollection, Sendable {
        let batch: BatchDeclarations

        public var startIndex: Int { 0 }
        public var endIndex: Int { batch.endIndex }

        public subscript(position: Int) -> Declaration {
            batch.header(at: position)
        }

        public func forEach(at positions: some Collection<Int>, goodsItems: Bool, _ body: (Int, Declaration) -> Void) {
            batch.forEach(at: positions, goodsItems: false, body)
        }

        public func makeIterator() -> Iterator {
            Iterator(batch.lists, goodsItems: false)
        }
    }
}
