/// Finds, under one element after another of a record read flat, the first child of each of a
/// set of names (``XMLChildNames``): what ``XMLFlatRecord/child(_:of:)`` finds for each name,
/// the children read once, in order.
///
/// Elements of one kind (the goods items of a declaration) mostly have children of the same
/// names in the same order. When the next element's children bear the names of the last one's,
/// up to its last name found (all of them if a name was not found), the same places are filled
/// at the same positions: each child's name is compared with the one name beside it.
public struct XMLChildFinder: Sendable {
    /// The names looked for.
    public let names: XMLChildNames
    /// The record searched (a copy: the finder is made once for many elements).
    private let record: XMLFlatRecord
    /// For each of ``names``, the index of the first child of that name under the element last
    /// searched; `nil` when it has none. Empty before the first search.
    public private(set) var found: [Int?] = []
    /// The element last searched in one pass; -1 before any.
    private var lastParent = -1
    /// The place each of its children read filled (the first child of its name), by position.
    private var placeAt: [Int?] = []
    /// Whether ``placeAt`` covers every child of ``lastParent`` (some name was not found), not
    /// only those up to the last name found.
    private var readAll = false

    /// A finder of `names` among the children of elements of `record`.
    public init(_ names: XMLChildNames, in record: XMLFlatRecord) {
        self.names = names
        self.record = record
    }

    /// Finds the children of `parent` into ``found``.
    public mutating func find(under parent: Int) {
        let nodes = record.nodes
        nodes.withUnsafeBufferPointer { nodes in
            if !findAsLast(nodes, parent: parent) { find(nodes, parent: parent) }
        }
    }

    /// Fills ``found`` for `parent` if its children bear the names of the last element's, as far
    /// as that one was read; `false` (``found`` to be filled again) when they do not.
    private mutating func findAsLast(_ nodes: UnsafeBufferPointer<XMLFlatRecord.Node>, parent: Int) -> Bool {
        guard lastParent >= 0 else { return false }
        var child = Int(nodes[parent].firstChild)
        var last = Int(nodes[lastParent].firstChild)
        let matches = placeAt.withUnsafeBufferPointer { placeAt in
            found.withUnsafeMutableBufferPointer { found in
                for place in placeAt {
                    guard child >= 0, nodes[child].name == nodes[last].name else { return false }
                    if let place { found[place] = child }
                    child = Int(nodes[child].nextSibling)
                    last = Int(nodes[last].nextSibling)
                }
                return true
            }
        }
        return matches && (!readAll || child < 0)
    }

    /// Fills ``found`` for `parent` in one pass over its children, in order, up to the last name
    /// found, noting the place each child filled.
    private mutating func find(_ nodes: UnsafeBufferPointer<XMLFlatRecord.Node>, parent: Int) {
        var found = [Int?](repeating: nil, count: names.names.count)
        var placeAt: [Int?] = []
        var child = Int(nodes[parent].firstChild)
        // Room for every child at once: there are no more children than descendants.
        placeAt.reserveCapacity(Int(nodes[parent].end) - child)
        var unfound = found.count
        while child >= 0, unfound > 0 {
            var filled: Int?
            if let place = names.place(of: nodes[child].name), found[place] == nil {
                found[place] = child
                filled = place
                unfound -= 1
            }
            placeAt.append(filled)
            child = Int(nodes[child].nextSibling)
        }
        self.found = found
        self.placeAt = placeAt
        lastParent = parent
        readAll = unfound > 0
    }
}
