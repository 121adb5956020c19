import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The bytes-level facts of a file: its size, a prefix for sniffing, and its SHA-256 (unless
/// asked not to for a file read whole); for a file of at most ``wholeLimit`` bytes
/// also its whole contents, so that the parser reads them from memory instead of opening the
/// file a second time. A larger file is read in 1 MiB chunks so memory stays bounded whatever
/// its size.
struct FileFacts {
    var size: Int
    var prefix: [UInt8]
    /// `nil` while a ``BackgroundHash`` computes it (``peek(_:)``), or for a file read whole
    /// when ``read(_:size:sha256:)`` was asked for none.
    var sha256: String?
    /// The whole file when it is small (at most ``wholeLimit`` bytes); `nil` for a larger one,
    /// which the parser streams from the file.
    var contents: [UInt8]?

    static let prefixLength = 65_536
    /// Files up to this size (bytes) are kept in memory whole between hashing and parsing.
    static let wholeLimit = 4 << 20
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Why `open` failed, in the user's terms: a symbolic link whose target does not exist is
    /// named with its target; otherwise the system's reason (`Permission denied`, ...).
    static func openFailure(_ path: String, errno code: Int32) -> PipelineError {
        if code == ENOENT, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
            return PipelineError("cannot read the file: it is a symbolic link to \(target), which does not exist")
        }
        return PipelineError("cannot read the file: \(String(cString: strerror(code)))")
    }

    /// `nil` with the reason when the file cannot be opened or read.
    ///
    /// Plain `open`/`read` into one buffer sized for the file: Foundation's `FileHandle`
    /// allocated a `Data` per chunk and was a tenth of a small file's time. `size` is the file's
    /// size when the caller has just `stat`ed it (saving an `fstat`); a read that stops short at
    /// exactly that size is its end, so a small file takes one `read`. With `sha256` false, a
    /// file read whole is not hashed (a larger one still is).
    static func read(_ path: String, size known: Int? = nil, sha256 digests: Bool = true) -> Result<FileFacts, PipelineError> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .failure(openFailure(path, errno: errno)) }
        defer { close(descriptor) }
        let expected: Int
        if let known {
            expected = known
        } else {
            var status = stat()
            expected = fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
        }
        var hasher = SHA256()
        var prefix: [UInt8] = []
        var size = 0
        var contents: [UInt8]?
        // A small file is read into one buffer with room for a byte more than its size (a file
        // that grew since is then noticed, and read on in chunks); the buffer is not zeroed first.
        if expected < wholeLimit {
            let room = max(4096, expected + 1)
            var failure: Int32 = 0
            let buffer = [UInt8](unsafeUninitializedCapacity: room) { storage, filled in
                while filled < room {
                    let count = Glibc.read(descriptor, storage.baseAddress! + filled, room - filled)
                    if count < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if count == 0 { return }
                    let short = count < room - filled
                    filled += count
                    // A regular file's read stops short only at its end: at exactly the size
                    // known, the end is taken as reached (one `read` instead of two).
                    if short && filled == expected && expected > 0 { return }
                }
            }
            if failure != 0 {
                return .failure(PipelineError("cannot read the file: \(String(cString: strerror(failure)))"))
            }
            size = buffer.count
            prefix = buffer.count <= prefixLength ? buffer : Array(buffer[0..<prefixLength])
            if buffer.count < room {
                contents = buffer
                if !digests {
                    return .success(FileFacts(size: size, prefix: prefix, contents: buffer))
                }
            }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            // Otherwise it grew past its room: what was read is hashed, the rest read on in chunks.
        }
        if contents == nil {
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    return .failure(PipelineError("cannot read the file: \(String(cString: strerror(errno)))"))
                }
                if count == 0 { break }
                size += count
                chunk.withUnsafeBytes { bytes in
                    let read = UnsafeRawBufferPointer(rebasing: bytes[0..<count])
                    if prefix.count < prefixLength { prefix += read.prefix(prefixLength - prefix.count) }
                    hasher.update(bufferPointer: read)
                }
            }
        }
        return .success(FileFacts(size: size, prefix: prefix, sha256: hex(hasher.finalize()), contents: contents))
    }

    /// The hex SHA-256 of `bytes`.
    static func sha256(of bytes: [UInt8]) -> String {
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hex(hasher.finalize())
    }

    /// ``FileResult/fingerprint`` of `bytes`.
    static func fingerprint(of bytes: [UInt8]) -> Int {
        var hasher = Hasher()
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        String(unsafeUninitializedCapacity: 64) { text in
            var index = 0
            for byte in digest {
                text[index] = hexDigits[Int(byte >> 4)]
                text[index + 1] = hexDigits[Int(byte & 15)]
                index += 2
            }
            return index
        }
    }
}
