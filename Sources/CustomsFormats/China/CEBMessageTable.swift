import CustomsCore
import Foundation

/// The cross-border e-commerce message types of China customs (`CEBnnn`) and what each is,
/// from `Schemas/codelists/cn-ceb-messages.csv` (the message names of the GACC 202205 XSDs).
///
/// Only the inventories (`kind` `declaration`: CEB603 export, CEB621 import) are goods
/// declarations; orders, payments, waybills, receipts and the rest are recognized and reported
/// as `format.not-a-declaration` with their description.
public struct CEBMessageTable: Sendable {
    public struct Entry: Sendable, Hashable {
        public var isDeclaration: Bool
        /// A short English description: "the customs receipt for an import inventory ...".
        public var what: String
    }

    public var entries: [String: Entry]

    public init(entries: [String: Entry]) {
        self.entries = entries
    }

    /// The table in the product's `Schemas/` folder (``SchemaDirectory``), read once; empty
    /// when the folder or the file cannot be found (the pipeline cannot run without `Schemas/`
    /// anyway: the code lists live there too).
    public static let standard: CEBMessageTable = {
        guard let directory = SchemaDirectory.locate(),
              let text = try? String(contentsOf: directory.appendingPathComponent("codelists/cn-ceb-messages.csv"), encoding: .utf8)
        else { return CEBMessageTable(entries: [:]) }
        return CEBMessageTable(csv: text)
    }()

    /// Reads the CSV form: `message,kind,what,name_zh`.
    public init(csv: String) {
        var entries: [String: Entry] = [:]
        for row in DelimitedTable.records(csv) {
            guard let message = row["message"], !message.isEmpty else { continue }
            let what = row["what"].flatMap { $0.isEmpty ? nil : $0 } ?? "a cross-border e-commerce message"
            let zh = row["name_zh"].flatMap { $0.isEmpty ? nil : " (\($0))" } ?? ""
            entries[message] = Entry(isDeclaration: row["kind"] == "declaration", what: what + zh)
        }
        self.entries = entries
    }

    public subscript(message: String) -> Entry? {
        entries[message]
    }
}
