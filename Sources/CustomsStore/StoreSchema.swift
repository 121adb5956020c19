import GRDB

/// The store's tables, created by versioned migrations (never altered in place).
///
/// - `file`: every file seen — path, SHA-256 (unique), size, time received (UTC), format, outcome.
/// - `declaration`: every version of every shared declaration, as cbd-xml (`Schemas/cbd.xsd`),
///   with personal data masked; `version` counts amendments of the same declaration number.
/// - `finding`: every finding of every file.
/// - `event`: every clearance milestone, by declaration number.
/// - `matchKey`: normalized transport document, container and invoice numbers, to find the
///   counterparts of a declaration without reading the whole store.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "file") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("path", .text).notNull()
                t.column("sha256", .text).notNull().unique()
                t.column("size", .integer).notNull()
                t.column("receivedAt", .text).notNull()
                t.column("format", .text)
                t.column("outcome", .text).notNull()
            }
            try db.create(table: "declaration") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("fileId", .integer).notNull().references("file", onDelete: .cascade)
                t.column("key", .text).notNull()
                t.column("number", .text)
                t.column("version", .integer).notNull()
                t.column("direction", .text)
                t.column("declaringCountry", .text)
                t.column("lodgedOn", .text)
                t.column("sourceFormat", .text).notNull()
                t.column("cbdXML", .text).notNull()
                t.column("contentHash", .text).notNull()
            }
            try db.create(index: "declaration_number", on: "declaration", columns: ["number"])
            try db.create(table: "finding") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("fileId", .integer).notNull().references("file", onDelete: .cascade)
                t.column("rule", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("message", .text).notNull()
                t.column("line", .integer)
                t.column("row", .integer)
                t.column("columnText", .text)
                t.column("field", .text)
                t.column("declarationKey", .text)
                t.column("counterpart", .text)
            }
            try db.create(table: "event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("fileId", .integer).notNull().references("file", onDelete: .cascade)
                t.column("declarationNumber", .text).notNull()
                t.column("milestone", .text).notNull()
                t.column("at", .text).notNull()
                t.column("epochSeconds", .integer).notNull()
                t.column("location", .text)
                t.column("zoneAssumed", .boolean).notNull()
            }
            try db.create(index: "event_declaration", on: "event", columns: ["declarationNumber"])
            try db.create(table: "matchKey") { t in
                t.column("declarationId", .integer).notNull().references("declaration", onDelete: .cascade)
                t.column("value", .text).notNull()
            }
            try db.create(index: "matchKey_value", on: "matchKey", columns: ["value"])
        }
        return migrator
    }
}
