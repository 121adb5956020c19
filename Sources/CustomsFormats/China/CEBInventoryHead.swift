import CustomsXML

/// The fields of a CEB `InventoryHead` that are read: each the first element of its name in the
/// head, all found in one pass over the head's children (``XMLChildFinder``).
struct CEBInventoryHead {
    /// The elements read, each case named as the element it stands for.
    enum Name: Int, CaseIterable {
        case invtNo, preNo, copNo, ieFlag, tradeMode, customsCode, portCode, appTime, declTime, trafMode, billNo, logisticsNo
        case ebcName, ebcCode, agentName, agentCode, buyerName, buyerIdNumber, buyerTelephone, ownerName
        case grossWeight, netWeight, packNo, currency

        /// The element's local name: the case's own.
        var elementName: String { "\(self)" }
    }

    /// Every ``Name``, at the place of its raw value.
    private static let lookup = XMLChildNames(Name.allCases.map(\.elementName))

    /// The record the head is in: its fields are decoded as they are read.
    private let record: XMLFlatRecord
    private let index: Int
    /// The index of the element of each ``Name``, at the place of its raw value.
    private let children: [Int?]

    /// The head at `index` of `record`.
    init(_ record: XMLFlatRecord, at index: Int) {
        self.record = record
        self.index = index
        var finder = XMLChildFinder(Self.lookup, in: record)
        finder.find(under: index)
        children = finder.found
    }

    /// The head's own element: where a finding about the head stands.
    var element: XMLField { record.field(at: index) }

    /// The field `name`; `nil` when the head has no such element.
    subscript(_ name: Name) -> XMLField? {
        children[name.rawValue].map { record.field(at: $0) }
    }
}
