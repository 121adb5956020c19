import CustomsCore

/// A lookup table made from one ``CodeLists`` (bit sets over its codes), made once for the code
/// lists in use and kept for the next rule that asks with the same ones.
protocol CodeListTable: AnyObject, Sendable {
    init(_ codeLists: CodeLists)
    var codeLists: CodeLists { get }
}

/// The table of the code lists used last: every rule of a batch asks with the same `CodeLists`,
/// so one table is made per batch, not per declaration.
final class LastCodeListTable<Table: CodeListTable>: Sendable {
    private let last = LockedValue<Table?>(nil)

    func of(_ codeLists: CodeLists) -> Table {
        last.withLock { table in
            if let table, table.codeLists === codeLists { return table }
            let made = Table(codeLists)
            table = made
            return made
        }
    }
}
