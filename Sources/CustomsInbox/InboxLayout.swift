import Foundation

/// Where the inbox daemon reads, works and files (`SPEC.md`, "Inbox daemon protocol").
///
/// By default `processed/`, `rejected/`, `reports/` and the store `customs.sqlite` live beside the
/// inbox (in its parent folder); work in progress always lives in `INBOX/.customs-work/`, on the
/// inbox's own file system, so claiming a file is one atomic rename.
public struct InboxLayout: Sendable, Equatable {
    public var inbox: String
    public var work: String
    public var processed: String
    public var rejected: String
    public var reports: String
    public var database: String

    /// The layout of `inbox`, with each folder or the store overridden when given.
    public init(inbox: String, processed: String? = nil, rejected: String? = nil, reports: String? = nil, database: String? = nil) {
        let inboxURL = URL(fileURLWithPath: inbox).standardizedFileURL
        let parent = inboxURL.deletingLastPathComponent()
        func resolve(_ given: String?, _ name: String) -> String {
            given.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? parent.appendingPathComponent(name).path
        }
        self.inbox = inboxURL.path
        work = inboxURL.appendingPathComponent(".customs-work").path
        self.processed = resolve(processed, "processed")
        self.rejected = resolve(rejected, "rejected")
        self.reports = resolve(reports, "reports")
        self.database = resolve(database, "customs.sqlite")
    }

    /// Creates the folders that do not exist yet (the inbox must exist).
    /// - Throws: ``InboxError`` when the inbox is missing or a folder cannot be made.
    public func prepare() throws(InboxError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inbox, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InboxError("no such folder: \(inbox)")
        }
        for folder in [work, processed, rejected, reports] {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw InboxError("cannot create the folder \(folder): \(error.localizedDescription)")
            }
        }
    }

    /// The folder a finished file goes to.
    func folder(for outcome: InboxOutcome) -> String {
        outcome == .processed ? processed : rejected
    }

    func workPath(_ name: WorkName) -> String { work + "/" + name.fileName }
    func inboxPath(_ name: String) -> String { inbox + "/" + name }
    func reportPath(_ finalName: String) -> String { reports + "/" + finalName + ".json" }
}

/// Where a file ends: `processed/` (no error findings) or `rejected/`.
public enum InboxOutcome: String, Sendable {
    case processed
    case rejected
}

/// Why the daemon cannot run at all (the command exits with status 2).
public struct InboxError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
