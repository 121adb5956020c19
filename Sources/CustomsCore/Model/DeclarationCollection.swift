/// Declarations read by position (0..<count) — an array, or a batch whose declarations are
/// decoded from a temporary file on each access — that can also give a declaration without its
/// goods items, which is cheaper when they are decoded: for stages that read no goods item
/// (copies, matching identifiers, timing).
public protocol DeclarationCollection: RandomAccessCollection where Element == Declaration, Index == Int {
    /// The declaration at `position`; its `goodsItems` may be empty (never anything else missing).
    func header(at position: Int) -> Declaration

    /// Calls `body` with each of `positions`, in their order, and the declaration there (only its
    /// header, as ``header(at:)``, when `goodsItems` is `false`): a batch kept on disk is then read
    /// in blocks where the positions ascend, not declaration by declaration.
    func forEach(at positions: some Collection<Int>, goodsItems: Bool, _ body: (Int, Declaration) -> Void)
}

extension DeclarationCollection {
    public func header(at position: Int) -> Declaration {
        self[position]
    }

    public func forEach(at positions: some Collection<Int>, goodsItems: Bool, _ body: (Int, Declaration) -> Void) {
        for position in positions { body(position, goodsItems ? self[position] : header(at: position)) }
    }
}

extension Array: DeclarationCollection where Element == Declaration {}

extension DeclarationSelection: DeclarationCollection where Base: DeclarationCollection {
    public func header(at position: Int) -> Declaration {
        base.header(at: positions[position])
    }

    public func forEach(at positions: some Collection<Int>, goodsItems: Bool, _ body: (Int, Declaration) -> Void) {
        let selected = Array(positions)
        var next = 0
        base.forEach(at: selected.lazy.map { self.positions[$0] }, goodsItems: goodsItems) { _, declaration in
            // The base gives them in the order asked: the `next`th of `selected`.
            body(selected[next], declaration)
            next += 1
        }
    }
}
