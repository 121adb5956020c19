public import CustomsCore
import CustomsFormats
import CustomsXML
import Foundation
import GRDB

extension DeclarationStore {
    /// The latest version of every stored declaration, in the order they were stored; `source`
    /// names the file each came from.
    public func latestDeclarations() throws(StoreError) -> [Declaration] {
        let rows = try wrap {
            try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT d.cbdXML, d.key, d.sourceFormat, f.path FROM declaration d JOIN file f ON f.id = d.fileId
                    WHERE d.number IS NULL OR d.version = (
                        SELECT max(v.version) FROM declaration v
                        WHERE v.number = d.number AND v.declaringCountry IS d.declaringCountry AND v.direction IS d.direction)
                    ORDER BY d.id
                    """)
            }
        }
        return rows.compactMap { row in
            Self.decode(row["cbdXML"], key: row["key"], sourceFormat: row["sourceFormat"], file: row["path"])
        }
    }

    /// Number of stored files, declaration versions, findings and events.
    public func counts() throws(StoreError) -> (files: Int, declarations: Int, findings: Int, events: Int) {
        try wrap {
            try pool.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM file") ?? 0,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM declaration") ?? 0,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM finding") ?? 0,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0)
            }
        }
    }

    static func decode(_ xml: String, key: String, sourceFormat: String, file: String) -> Declaration? {
        let adapter = CBDXMLAdapter()
        var declaration: Declaration?
        guard let codeLists = StoreCodeLists.shared else { return nil }
        var context = HarmonizeContext(file: file, codeLists: codeLists, messageType: "Declarations")
        _ = XMLDocumentReader.read(bytes: Array(xml.utf8), displayName: file, role: adapter.role(for:)) { record in
            declaration = adapter.harmonize(record, context: &context).first?.declaration
        }
        declaration?.key = key
        declaration?.sourceFormat = sourceFormat
        declaration?.source = SourceLocation(file: file)
        return declaration
    }
}

/// The code lists the cbd-xml adapter's context carries (it reads none of them).
enum StoreCodeLists {
    static let shared: CodeLists? = SchemaDirectory.locate().flatMap { try? CodeLists(directory: $0) }
}
