/// The declarations of `base` at `positions`, in that order, read from `base` on each access:
/// a subset of a batch (the latest copies, the declarations to time) without copying a
/// declaration.
public struct DeclarationSelection<Base: RandomAccessCollection<Declaration>>: RandomAccessCollection where Base.Index == Int {
    public let base: Base
    /// Positions in `base`.
    public let positions: [Int]

    public init(_ base: Base, positions: [Int]) {
        self.base = base
        self.positions = positions
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions.count }

    public subscript(index: Int) -> Declaration {
        base[positions[index]]
    }
}

extension DeclarationSelection: Sendable where Base: Sendable {}
