public import CustomsCore
import GRDB

extension DeclarationStore {
    /// The latest stored version of every declaration that shares a match key (a transport
    /// document, container or invoice number, normalized) with one of `declarations`, in the order
    /// they were stored; `source` names the file each came from.
    ///
    /// This is what the inbox daemon reconciles a new file against: the candidates found through
    /// the `matchKey` index instead of every declaration ever stored, so the cost of one file does
    /// not grow with the size of the store.
    ///
    /// - Parameter excludedFile: a stored path whose declarations are left out (the file being
    ///   reconciled, already recorded: it is no counterpart of itself, and is not decoded).
    public func declarations(
        sharingMatchKeysWith declarations: [Declaration], excludingFile excludedFile: String? = nil
    ) throws(StoreError) -> [Declaration] {
        let values = Array(Set(declarations.flatMap(StoreMatchKeys.values(of:)))).sorted()
        guard !values.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
        let rows = try wrap {
            try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT d.cbdXML, d.key, d.sourceFormat, f.path FROM declaration d JOIN file f ON f.id = d.fileId
                    WHERE d.id IN (SELECT m.declarationId FROM matchKey m WHERE m.value IN (\(placeholders)))
                    AND f.path IS NOT ?
                    AND (d.number IS NULL OR d.version = (
                        SELECT max(v.version) FROM declaration v
                        WHERE v.number = d.number AND v.declaringCountry IS d.declaringCountry AND v.direction IS d.direction))
                    ORDER BY d.id
                    """, arguments: StatementArguments(values) + [excludedFile])
            }
        }
        return rows.compactMap { row in
            Self.decode(row["cbdXML"], key: row["key"], sourceFormat: row["sourceFormat"], file: row["path"])
        }
    }
}
