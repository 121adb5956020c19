public import Foundation

/// Runs the built `customs` binary as a user would and captures what it prints.
public struct CommandOutcome: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public enum CommandRunner {
    /// The `customs` executable built beside the test bundle.
    public static var binary: URL {
        let build = TestPaths.packageRoot.appendingPathComponent(".build")
        for candidate in [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("customs"),
            Bundle.main.bundleURL.appendingPathComponent("customs"),
            build.appendingPathComponent("debug/customs"),
            build.appendingPathComponent("release/customs"),
        ] where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        return build.appendingPathComponent("debug/customs")
    }

    /// Runs `customs ARGUMENTS` in the package root; `timeout` only guards against a hang;
    /// `environment` adds to (or overrides) the test's own.
    public static func run(
        _ arguments: [String], timeout: TimeInterval = 300, environment: [String: String] = [:]
    ) throws -> CommandOutcome {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = TestPaths.packageRoot
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = Collector(out.fileHandleForReading)
        let errData = Collector(err.fileHandleForReading)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return CommandOutcome(status: -1, stdout: outData.text(), stderr: "timed out after \(timeout) s")
        }
        process.waitUntilExit()
        return CommandOutcome(status: process.terminationStatus, stdout: outData.text(), stderr: errData.text())
    }
}

/// Drains a pipe on a background thread so a large output cannot block the child.
private final class Collector: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.lock(); data.append(chunk); lock.unlock()
            }
            done.signal()
        }
    }

    func text() -> String {
        done.wait()
        lock.lock(); defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}
