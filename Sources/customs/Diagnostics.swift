import Foundation

/// Messages to stderr: warnings about the run itself and the progress bar. Results go to stdout.
enum Diagnostics {
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("customs: warning: \(message)\n".utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// A progress bar on stderr for batches on a terminal; `nil` otherwise.
    static func progressBar(total: Int) -> (@Sendable (Int) -> Void)? {
        guard stderrIsTerminal, total >= 20 else { return nil }
        return { done in
            guard done == total || done % max(1, total / 200) == 0 else { return }
            let width = 30
            let filled = width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let end = done == total ? "\n" : ""
            FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) files\(end)".utf8))
        }
    }
}
