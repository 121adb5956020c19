/// Declarations read by position (0..<count) — an array, or a batch whose declarations are
/// decoded from a temporary file on each access — that can also give a declaration without its
/// goods items, which is cheaper when they are decoded: for stages that read no goods item
/// (copies, matching identifiers, timing).
public protocol DeclarationCollection: RandomAccessCollection where Element == Declaration, Index == Int {
    /// The declaration at `position`; its `goodsItems` may be empty (never anything else missing).
    func header(at position: Int) -> Declaration
}

extension DeclarationCollection {
    public func header(at position: Int) -> Declaration {
        self[position]
    }
}

extension Array: DeclarationCollection where Element == Declaration {}

extension DeclarationSelection: DeclarationCollection where Base: DeclarationCollection {
    public func header(at position: Int) -> Declaration {
        base.header(at: positions[position])
    }
}
