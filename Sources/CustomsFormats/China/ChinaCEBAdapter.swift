import CustomsCore
public import CustomsXML

/// Reads China's cross-border e-commerce messages (`CEBnnnMessage`, namespace
/// `http://www.chinaport.gov.cn/ceb`): the inventories CEB621 (import) and CEB603 (export)
/// give one declaration per `Inventory`; every other CEB message type (orders, payments,
/// waybills, receipts) is recognized as `format.not-a-declaration` with what it is
/// (``CEBMessageTable``).
///
/// Mapping (DOMAIN.md, "Field mapping", China CEB603 / CEB621): `id` from `invtNo` → `preNo` →
/// `copNo` (the samples repeat `copNo`: the pipeline's `key` then disambiguates); `ieFlag` →
/// direction; `tradeMode` → procedure; `customsCode` → customs office; `portCode` → border
/// crossing; `appTime` (Beijing time) → `lodgedAt` and `lodgedOn`, `declTime` kept in `asFiled`;
/// `trafMode` → transport mode; `billNo` and `logisticsNo` (type `waybill`) → transport
/// documents; parties (``CEBInventory``); `grossWeight`, `netWeight` (kg), `packNo` → totals;
/// `InventoryList` → goods items.
///
/// Personal data: the buyer's identity number and telephone (CEB621) are kept in `asFiled` and
/// listed in `personalData`, so every output but `harmonize`'s `asFiled` masks them; they never
/// appear in a finding.
///
/// Findings: `field.missing` (no inventory number, no `ieFlag`, no `appTime`, an empty
/// `gcode`), `field.invalid`, `field.placeholder`, `code.country`, `code.currency`,
/// `code.unit`, `code.transport-mode`, `code.direction` (the CEB603 sample's `ieFlag` `a`).
public struct ChinaCEBAdapter: FlatRecordAdapter {
    public let format = "cn-ceb"
    public static let namespace = "http://www.chinaport.gov.cn/ceb"
    public var messages: CEBMessageTable

    public init(messages: CEBMessageTable = .standard) {
        self.messages = messages
    }

    public func readsPastRoot(_ root: XMLStartTag) -> Bool { false }

    public func recognize(_ prologue: XMLPrologue) -> XMLRecognition? {
        guard let root = prologue.root, root.namespace == Self.namespace,
              let type = Self.messageType(ofRoot: root.name) else { return nil }
        guard let entry = messages[type] else {
            return .notADeclaration(messageType: type, what: "a cross-border e-commerce message of a type not in the CEB message table")
        }
        return entry.isDeclaration ? .declarations(messageType: type) : .notADeclaration(messageType: type, what: entry.what)
    }

    /// `CEB621Message` → `CEB621`; `nil` for any other name.
    static func messageType(ofRoot name: String) -> String? {
        guard name.hasPrefix("CEB"), name.hasSuffix("Message") else { return nil }
        let type = String(name.dropLast("Message".count))
        let digits = type.dropFirst(3)
        guard digits.count == 3, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return type
    }

    public func role(for tag: XMLStartTag) -> XMLNodeRole {
        tag.name == "Inventory" && tag.namespace == Self.namespace && tag.depth == 1 ? .record : .descend
    }

    public func harmonize(_ record: XMLElement, context: inout HarmonizeContext) -> [DeclarationDraft] {
        harmonize(flat: XMLFlatRecord(record), context: &context)
    }

    /// The inventory read by index, without an ``XMLElement`` tree (``FlatRecordAdapter``).
    public func harmonize(flat record: XMLFlatRecord, context: inout HarmonizeContext) -> [DeclarationDraft] {
        var draft = DeclarationDraft(format: format, messageType: context.messageType, file: context.file, line: record.line(0))
        CEBInventory.read(record, messageType: context.messageType, codeLists: context.codeLists, draft: &draft)
        draft.reportPlaceholders(in: record)
        return [draft]
    }
}
