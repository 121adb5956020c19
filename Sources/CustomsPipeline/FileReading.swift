import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The bytes-level facts of a file: its size, a prefix for sniffing, and its SHA-256; for a
/// file of at most ``wholeLimit`` bytes also its whole contents, so that the parser reads them
/// from memory instead of opening the file a second time. A larger file is read in 1 MiB chunks
/// so memory stays bounded whatever its size.
struct FileFacts {
    var size: Int
    var prefix: [UInt8]
    /// `nil` while a ``BackgroundHash`` computes it (``peek(_:)``).
    var sha256: String?
    /// The whole file when it is small (at most ``wholeLimit`` bytes); `nil` for a larger one,
    /// which the parser streams from the file.
    var contents: [UInt8]?

    static let prefixLength = 65_536
    /// Files up to this size (bytes) are kept in memory whole between hashing and parsing.
    static let wholeLimit = 4 << 20

    /// `nil` with the reason when the file cannot be opened or read.
    ///
    /// Plain `open`/`read` into one buffer sized for the file: Foundation's `FileHandle`
    /// allocated a `Data` per chunk and was a tenth of a small file's time.
    static func read(_ path: String) -> Result<FileFacts, PipelineError> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let reason = FileManager.default.isReadableFile(atPath: path) ? "cannot open it" : "permission denied or not a regular file"
            return .failure(PipelineError("cannot read the file: \(reason)"))
        }
        defer { close(descriptor) }
        var status = stat()
        let expected = fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
        // A small file is read into one buffer with room for a byte more than its size (a file
        // that grew since is then noticed, and read on in chunks).
        let whole = expected < wholeLimit
        var buffer = [UInt8](repeating: 0, count: whole ? max(4096, expected + 1) : 1 << 20)
        var filled = 0
        var hasher = SHA256()
        var prefix: [UInt8] = []
        var size = 0
        var keptWhole = whole
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(PipelineError("cannot read the file: \(String(cString: strerror(errno)))"))
            }
            if count == 0 { break }
            size += count
            if keptWhole {
                filled += count
                if filled < buffer.count { continue }
                // Grew past its room: hash what was read and go on in chunks.
                keptWhole = false
            }
            buffer.withUnsafeBytes { bytes in
                let chunk = UnsafeRawBufferPointer(rebasing: bytes[0..<(filled > 0 ? filled : count)])
                if prefix.count < prefixLength { prefix += chunk.prefix(prefixLength - prefix.count) }
                hasher.update(bufferPointer: chunk)
            }
            filled = 0
        }
        var contents: [UInt8]?
        if keptWhole {
            buffer.removeLast(buffer.count - filled)
            buffer.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            prefix = filled <= prefixLength ? buffer : Array(buffer[0..<prefixLength])
            contents = buffer
        }
        let hex = Array("0123456789abcdef".utf8)
        var digest = [UInt8]()
        digest.reserveCapacity(64)
        for byte in hasher.finalize() {
            digest.append(hex[Int(byte >> 4)])
            digest.append(hex[Int(byte & 15)])
        }
        return .success(FileFacts(size: size, prefix: prefix, sha256: String(decoding: digest, as: UTF8.self), contents: contents))
    }
}
