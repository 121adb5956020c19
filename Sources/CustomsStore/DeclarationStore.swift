import CustomsCore
import CustomsFormats
import CustomsXML
import Crypto
import Foundation
import GRDB

/// The persistent store (`--db FILE`): one SQLite file, read and written through GRDB, in WAL
/// mode so reports can read while the inbox daemon writes.
///
/// Storing the same file twice stores nothing twice (files are identified by SHA-256). A
/// declaration number seen again with different content is a new version (an amendment,
/// `declaration.amended`); with the same content it is not stored again.
public final class DeclarationStore: Sendable {
    let pool: DatabasePool
    public let path: String

    /// Opens (creating when absent) and migrates the store.
    /// - Throws: ``StoreError`` when the file is not a SQLite database, is corrupt, or was written
    ///   by a newer version of the product — never a silent reset.
    public init(path: String) throws(StoreError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = StoreSchema.migrator
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError("\(path) was written by a newer version of customs; refusing to change it")
            }
            try migrator.migrate(pool)
            _ = try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM file") }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw StoreError("\(path) is not a customs store (not a SQLite database, or corrupt)")
        } catch let error as DatabaseError {
            throw StoreError("cannot open the store \(path): \(error.message ?? "SQLite error \(error.resultCode.rawValue)")")
        } catch {
            throw StoreError("cannot open the store \(path): \(error)")
        }
    }

    /// The path under which these bytes (by SHA-256) were first stored, if they were.
    public func storedPath(sha256: String) throws(StoreError) -> String? {
        try wrap { try pool.read { try String.fetchOne($0, sql: "SELECT path FROM file WHERE sha256 = ?", arguments: [sha256]) } }
    }

    func wrap<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do { return try body() } catch let error as StoreError { throw error } catch let error as DatabaseError {
            throw StoreError("the store \(path) failed: \(error.resultCode) \(error.message ?? "")")
        } catch {
            throw StoreError("the store \(path) failed: \(error)")
        }
    }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
