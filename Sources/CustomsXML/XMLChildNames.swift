/// The local names a reading looks up among the children of an element, each at a place (its
/// index in ``names``): an ``XMLChildFinder`` finds them all in one pass over the children, each
/// child's name compared only with the names of its length.
public struct XMLChildNames: Sendable {
    /// The names, each once.
    public let names: [String]
    /// The places of the names ordered by UTF-8 length: those of length `n` are
    /// `byLength[start[n]..<start[n + 1]]`.
    private let byLength: [Int]
    private let start: [Int]

    /// The names `names`, each at its index; a name may stand only once.
    public init(_ names: [String]) {
        precondition(Set(names).count == names.count, "each name is looked up once")
        self.names = names
        byLength = names.indices.sorted { (names[$0].utf8.count, $0) < (names[$1].utf8.count, $1) }
        var start = Array(repeating: 0, count: (names.map(\.utf8.count).max() ?? 0) + 2)
        for name in names { start[name.utf8.count + 1] += 1 }
        for length in start.indices.dropFirst() { start[length] += start[length - 1] }
        self.start = start
    }

    /// The place of `name`; `nil` when it is not one of the names.
    func place(of name: String) -> Int? {
        let length = name.utf8.count
        guard length + 1 < start.count else { return nil }
        for position in start[length]..<start[length + 1] where names[byLength[position]] == name {
            return byLength[position]
        }
        return nil
    }
}
