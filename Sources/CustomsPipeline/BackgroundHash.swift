import CustomsCore
import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The SHA-256 and size of a large file (``FileFacts/read(_:)``), computed on a thread of their
/// own while the file is parsed: hashing 1 GB takes about half a second here, which otherwise
/// passes before the first byte is parsed.
///
/// The hash is of the bytes the hashing thread reads, as it always was (the parser reads the
/// file separately); ``wait()`` gives the same facts, or the same `file.unreadable` reason, as
/// reading the file first would have.
final class BackgroundHash: Sendable {
    private let outcome = LockedValue<Result<FileFacts, PipelineError>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(path: String) {
        let outcome = self.outcome
        let done = self.done
        let thread = Thread {
            let read = FileFacts.read(path)
            outcome.withLock { $0 = read }
            done.signal()
        }
        thread.start()
    }

    /// Blocks until the file is hashed; the same result on every call.
    func wait() -> Result<FileFacts, PipelineError> {
        if let known = outcome.withLock({ $0 }) { return known }
        done.wait()
        // Let any later caller through too.
        done.signal()
        return outcome.withLock { $0! }
    }
}

extension FileFacts {
    /// The size (`fstat`) and first ``prefixLength`` bytes of a file, without reading the rest
    /// and without its hash (`sha256` `nil`, ``BackgroundHash`` computes it).
    static func peek(_ path: String) -> Result<FileFacts, PipelineError> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return read(path) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return read(path) }
        var prefix = [UInt8](repeating: 0, count: prefixLength)
        var filled = 0
        while filled < prefixLength {
            let count = prefix.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + filled, prefixLength - filled) }
            if count < 0 && errno == EINTR { continue }
            // An error here is reported as reading the whole file reports it.
            guard count >= 0 else { return read(path) }
            if count == 0 { break }
            filled += count
        }
        prefix.removeLast(prefixLength - filled)
        return .success(FileFacts(size: Int(status.st_size), prefix: prefix, sha256: nil, contents: nil))
    }

    /// The size of the file at `path` (`stat`), `nil` when it cannot be told.
    static func size(of path: String) -> Int? {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : nil
    }
}

extension FileProcessor {
    /// Puts the file's SHA-256 and size, once hashed, on the result — or `file.unreadable` when
    /// the hashing thread could not read it. Any number of calls give the same result.
    func settle(_ hashing: BackgroundHash?, into result: inout FileResult) {
        guard let hashing else { return }
        switch hashing.wait() {
        case let .success(facts):
            result.sha256 = facts.sha256
            result.size = facts.size
        case let .failure(error):
            guard !result.findings.contains(where: { $0.rule == "file.unreadable" && $0.message == error.description }) else { return }
            result.findings.append(Finding(rule: "file.unreadable", message: error.description, file: result.file))
        }
    }
}
