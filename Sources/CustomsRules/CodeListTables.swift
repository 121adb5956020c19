public import CustomsCore

/// The lookup tables the code-list rules make from one ``CodeLists`` — bit sets over the short
/// ISO and Rec 20 codes (``ShortCodeTable``) and over the HS subheadings of each edition
/// (``HSSubheadingTable``) — made once with the ``RuleContext`` of a batch and shared read-only
/// by its threads, so a check takes no lock and makes no table.
public final class CodeListTables: Sendable {
    public let codeLists: CodeLists
    let shortCodes: ShortCodeTable
    let hsSubheadings: HSSubheadingTable

    /// Makes the tables of `codeLists` (about a millisecond and 250 KB for the two HS editions).
    public init(_ codeLists: CodeLists) {
        self.codeLists = codeLists
        shortCodes = ShortCodeTable(codeLists)
        hsSubheadings = HSSubheadingTable(codeLists)
    }
}
