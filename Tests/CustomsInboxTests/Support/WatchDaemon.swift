import CustomsTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A `customs watch` process on a scratch inbox, as an operator runs it: started, signalled,
/// killed, restarted. Its log goes to a file beside the inbox.
final class WatchDaemon: @unchecked Sendable {
    let root: URL
    let process = Process()
    var inbox: URL { root.appendingPathComponent("inbox") }
    var processed: URL { root.appendingPathComponent("processed") }
    var rejected: URL { root.appendingPathComponent("rejected") }
    var reports: URL { root.appendingPathComponent("reports") }
    var database: URL { root.appendingPathComponent("customs.sqlite") }

    init(root: URL, jobs: Int = 2, run: Int = 0, extra: [String] = []) throws {
        self.root = root
        try FileManager.default.createDirectory(at: root.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        let log = root.appendingPathComponent("watch-\(run).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.executableURL = CommandRunner.binary
        process.arguments = ["watch", root.appendingPathComponent("inbox").path, "--jobs", "\(jobs)", "--rescan-interval", "1"] + extra
        process.currentDirectoryURL = TestPaths.packageRoot
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var log: String {
        let logs = (try? FileManager.default.contentsOfDirectory(atPath: root.path))?.filter { $0.hasSuffix(".log") }.sorted() ?? []
        return logs.compactMap { try? String(contentsOf: root.appendingPathComponent($0), encoding: .utf8) }.joined()
    }

    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Sends SIGTERM and waits for the exit status (`nil` when it hung past `timeout`).
    func terminate(timeout: TimeInterval = 120) -> Int32? {
        kill(process.processIdentifier, SIGTERM)
        return wait(timeout: timeout)
    }

    func wait(timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard !process.isRunning else {
            kill9()
            return nil
        }
        return process.terminationStatus
    }

    /// Waits until `condition` holds (checked every 50 ms); `false` when `timeout` passed first.
    /// The timeout only guards against a hang.
    @discardableResult
    static func waitUntil(timeout: TimeInterval = 180, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    static func names(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Files finished (in processed/ or rejected/).
    var filedCount: Int { Self.names(processed).count + Self.names(rejected).count }

    /// The inbox holds nothing but the (empty) work folder.
    var inboxIsEmpty: Bool {
        Self.names(inbox).isEmpty && Self.names(inbox.appendingPathComponent(".customs-work")).isEmpty
    }

    /// Writes `data` under a hidden name and renames it into the inbox (the writer's convention).
    func deliverByRename(_ name: String, _ data: Data) throws {
        let staging = root.appendingPathComponent(".staging-\(name)")
        try data.write(to: staging)
        guard rename(staging.path, inbox.appendingPathComponent(name).path) == 0 else {
            throw CocoaError(.fileWriteUnknown)
        }
    }
}

/// What the reports say.
enum Reports {
    static func json(_ url: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: url)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    static func rules(_ report: [String: Any]) -> [String] {
        let files = report["files"] as? [[String: Any]] ?? []
        let fileFindings = files.flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        let top = report["findings"] as? [[String: Any]] ?? []
        return (fileFindings + top).compactMap { $0["rule"] as? String }
    }
}
