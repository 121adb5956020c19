public import CustomsCore
import CustomsFormats
public import Foundation
import GRDB

/// What storing one file did.
public struct StoreReceipt: Sendable {
    /// The file's bytes were already stored (under this path): nothing was stored again.
    public var earlierPath: String?
    /// `declaration.amended` findings: declarations that replace an earlier version in the store.
    public var amendments: [Finding]
}

extension DeclarationStore {
    /// Stores a processed file — the file row, its declarations (new versions only), findings and
    /// events — in one transaction.
    ///
    /// - Parameter outcome: `processed` / `rejected` for the inbox daemon, `valid` / `invalid` for a batch.
    public func record(_ result: FileResultSnapshot, outcome: String, receivedAt: Date = Date()) throws(StoreError) -> StoreReceipt {
        guard result.sha256 != nil else { return StoreReceipt(earlierPath: nil, amendments: []) }
        return try wrap { try pool.write { db in try Self.insert(result, outcome: outcome, receivedAt: receivedAt, in: db) } }
    }

    /// The body of ``record(_:outcome:receivedAt:)`` inside a write transaction that the caller
    /// opened (one file, or each file of a batch in turn).
    static func insert(_ result: FileResultSnapshot, outcome: String, receivedAt: Date, in db: Database) throws -> StoreReceipt {
        guard let sha256 = result.sha256 else { return StoreReceipt(earlierPath: nil, amendments: []) }
        if let earlier = try String.fetchOne(db.cachedStatement(sql: "SELECT path FROM file WHERE sha256 = ?"), arguments: [sha256]) {
            return StoreReceipt(earlierPath: earlier, amendments: [])
        }
        try db.cachedStatement(
            sql: "INSERT INTO file (path, sha256, size, receivedAt, format, outcome) VALUES (?, ?, ?, ?, ?, ?)"
        ).execute(
            arguments: [result.file, sha256, result.size ?? 0, Timestamp(date: receivedAt).rfc3339, result.format, outcome])
        let fileID = db.lastInsertedRowID
        var amendments: [Finding] = []
        let writer = CBDXMLWriter(maskPersonalData: true)
        for declaration in result.declarations {
            // The CBD XML names neither the source file nor the key: one document is both the
            // stored XML and what the content hash is taken of.
            let xml = writer.document([Self.withoutSource(declaration)])
            let contentHash = DeclarationStore.sha256(xml)
            var version = 1
            if let number = declaration.id {
                let latest = try Row.fetchOne(
                    db.cachedStatement(sql: """
                        SELECT d.version, d.contentHash, f.path FROM declaration d JOIN file f ON f.id = d.fileId
                        WHERE d.number = ? AND d.declaringCountry IS ? AND d.direction IS ?
                        ORDER BY d.version DESC LIMIT 1
                        """),
                    arguments: [number, declaration.declaringCountry, declaration.direction?.rawValue])
                if let latest {
                    if (latest["contentHash"] as String) == contentHash { continue }
                    version = (latest["version"] as Int) + 1
                    amendments.append(Finding(
                        rule: "declaration.amended",
                        message: "declaration \(number) replaces version \(version - 1) received in \(latest["path"] as String); this is version \(version)",
                        file: result.file, line: declaration.source.line, declaration: declaration.key))
                }
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO declaration (fileId, key, number, version, direction, declaringCountry, lodgedOn, sourceFormat, cbdXML, contentHash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [fileID, declaration.key, declaration.id, version, declaration.direction?.rawValue,
                            declaration.declaringCountry, declaration.lodgedOn, declaration.sourceFormat, xml, contentHash])
            let declarationID = db.lastInsertedRowID
            for value in StoreMatchKeys.values(of: declaration) {
                try db.cachedStatement(sql: "INSERT INTO matchKey (declarationId, value) VALUES (?, ?)").execute(arguments: [declarationID, value])
            }
            for event in declaration.events {
                try db.cachedStatement(
                    sql: "INSERT INTO event (fileId, declarationNumber, milestone, at, epochSeconds, location, zoneAssumed) VALUES (?, ?, ?, ?, ?, ?, ?)"
                ).execute(
                    arguments: [fileID, declaration.id ?? declaration.key, event.milestone, event.at.rfc3339, event.at.epochSeconds,
                                event.location, event.zoneAssumed])
            }
        }
        for finding in result.findings + amendments {
            let column: String? = switch finding.column {
            case let .number(number)?: String(number)
            case let .name(name)?: name
            case nil: nil
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO finding (fileId, rule, severity, message, line, row, columnText, field, declarationKey, counterpart)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [fileID, finding.rule, finding.severity.rawValue, finding.message, finding.line, finding.row,
                            column, finding.field, finding.declaration, finding.counterpart])
        }
        return StoreReceipt(earlierPath: nil, amendments: amendments)
    }

    static func withoutSource(_ declaration: Declaration) -> Declaration {
        var copy = declaration
        copy.source = SourceLocation(file: "")
        copy.key = ""
        return copy
    }
}

/// What the store needs of a processed file (the pipeline's `FileResult`, without depending on it).
public struct FileResultSnapshot: Sendable {
    public var file: String
    public var sha256: String?
    public var size: Int?
    public var format: String?
    public var declarations: [Declaration]
    public var findings: [Finding]

    public init(file: String, sha256: String?, size: Int?, format: String?, declarations: [Declaration], findings: [Finding]) {
        self.file = file
        self.sha256 = sha256
        self.size = size
        self.format = format
        self.declarations = declarations
        self.findings = findings
    }
}

extension Timestamp {
    /// The instant `date` in UTC.
    init(date: Date) {
        self.init(epochSeconds: Int64(date.timeIntervalSince1970.rounded(.down)), utcOffsetSeconds: 0)
    }
}
