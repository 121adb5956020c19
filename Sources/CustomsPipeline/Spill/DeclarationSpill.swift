public import CustomsCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The batch's temporary file of encoded declarations: an append-only file in the temporary
/// directory (`TMPDIR`, else `/tmp`), removed from the directory as soon as it is opened, so it
/// disappears when the process ends, however it ends.
///
/// Shared by the worker threads of one batch: each ``DeclarationList`` that spills writes its
/// declarations in blocks of about 1 MiB and reads them back by offset. The file is opened on the
/// first write; when it cannot be opened or written (no temporary directory, disk full), the write
/// returns `nil` and the list keeps that declaration in memory instead: nothing is lost, only
/// the memory bound.
public final class DeclarationSpill: Sendable {
    private struct State {
        var descriptor: Int32 = -1
        var end: Int64 = 0
        /// Set once opening or writing failed: every later write is refused at once.
        var failed = false
        /// Reads that did not give back what was written (an I/O error of the temporary file).
        var readFailures = 0
        /// Why the file was refused, in a sentence, once it was.
        var refusal: String?
    }

    private let state = LockedValue(State())
    private let directory: String
    private let sizeLimit: Int64?

    /// `directory`: where the file is created; `nil`: `TMPDIR`, else `/tmp`. `sizeLimit`: bytes
    /// of temporary disk the batch may use; past it, declarations stay in memory.
    public init(directory: String? = nil, sizeLimit: Int64? = nil) {
        self.directory = directory ?? ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        self.sizeLimit = sizeLimit
    }

    deinit {
        state.withLock { state in
            if state.descriptor >= 0 { close(state.descriptor) }
        }
    }

    /// Appends `bytes` and returns the offset they start at; `nil` when the file cannot be
    /// opened or written.
    func append(_ bytes: [UInt8]) -> Int64? {
        state.withLock { state -> Int64? in
            guard !state.failed else { return nil }
            if let sizeLimit, state.end + Int64(bytes.count) > sizeLimit {
                state.failed = true
                state.refusal = "the temporary file in \(directory) reached its limit of \(sizeLimit) bytes"
                return nil
            }
            if state.descriptor < 0 {
                guard let descriptor = Self.open(in: directory) else {
                    state.failed = true
                    state.refusal = "cannot create a temporary file in \(directory): \(String(cString: strerror(errno)))"
                    return nil
                }
                state.descriptor = descriptor
            }
            let offset = state.end
            let written = bytes.withUnsafeBytes { Self.writeAll($0, to: state.descriptor, at: offset) }
            guard written else {
                state.failed = true
                state.refusal = "cannot write the temporary file in \(directory): \(String(cString: strerror(errno)))"
                return nil
            }
            state.end += Int64(bytes.count)
            return offset
        }
    }

    /// Reads `buffer.count` bytes at `offset` into `buffer`; `false` if the file gave fewer.
    func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        let descriptor = state.withLock { $0.descriptor }
        guard descriptor >= 0, let base = buffer.baseAddress else { return buffer.isEmpty }
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, base + done, buffer.count - done, off_t(offset) + off_t(done))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        return true
    }

    /// Why declarations stayed in memory from some point on (the file could not be created or
    /// written, or reached its size limit); `nil` while the spill takes every declaration.
    public var refusal: String? {
        state.withLock { $0.refusal }
    }

    /// Counts a declaration that could not be read back (``DeclarationList`` then gives a
    /// placeholder, and the batch reports the loss: ``readFailures``).
    func noteReadFailure() {
        state.withLock { $0.readFailures += 1 }
    }

    /// Declarations that could not be read back from the file: a batch with any has incomplete
    /// cross-file results and says so (`batch.incomplete`).
    public var readFailures: Int {
        state.withLock { $0.readFailures }
    }

    /// A `file.unreadable` error when declarations could not be read back: the timing and
    /// mirror results of the batch are then incomplete, and the run must not pass.
    public var lossFindings: [Finding] {
        let failures = readFailures
        guard failures > 0 else { return [] }
        return [Finding(
            rule: "file.unreadable",
            message: "\(failures) reads of declarations kept in the batch's temporary file (in \(directory)) failed; "
                + "timing and mirror checks of those declarations are incomplete — run the batch again")]
    }

    /// Bytes written so far.
    public var size: Int64 {
        state.withLock { $0.end }
    }

    private static func open(in directory: String) -> Int32? {
        var template = Array((directory.hasSuffix("/") ? directory : directory + "/").utf8CString.dropLast())
        template += Array("customs-spill-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        return descriptor
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, at offset: Int64) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var done = 0
        while done < bytes.count {
            let count = pwrite(descriptor, base + done, bytes.count - done, off_t(offset) + off_t(done))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        return true
    }
}
