import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The bytes-level facts of a file: its size, a prefix for sniffing, and its SHA-256,
/// read in 1 MiB chunks so memory stays bounded whatever the file's size.
struct FileFacts {
    var size: Int
    var prefix: [UInt8]
    var sha256: String

    static let prefixLength = 65_536

    /// `nil` with the reason when the file cannot be opened or read.
    ///
    /// Plain `open`/`read` into one reused buffer sized for the file (at most 1 MiB): Foundation's
    /// `FileHandle` allocated a `Data` per chunk and was a tenth of a small file's time.
    static func read(_ path: String) -> Result<FileFacts, PipelineError> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let reason = FileManager.default.isReadableFile(atPath: path) ? "cannot open it" : "permission denied or not a regular file"
            return .failure(PipelineError("cannot read the file: \(reason)"))
        }
        defer { close(descriptor) }
        var status = stat()
        let expected = fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
        var buffer = [UInt8](repeating: 0, count: max(4096, min(1 << 20, expected + 1)))
        var hasher = SHA256()
        var prefix: [UInt8] = []
        var size = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(PipelineError("cannot read the file: \(String(cString: strerror(errno)))"))
            }
            if count == 0 { break }
            buffer.withUnsafeBytes { bytes in
                let chunk = UnsafeRawBufferPointer(rebasing: bytes[0..<count])
                if prefix.count < prefixLength { prefix += chunk.prefix(prefixLength - prefix.count) }
                hasher.update(bufferPointer: chunk)
            }
            size += count
        }
        let hex = Array("0123456789abcdef".utf8)
        var digest = [UInt8]()
        digest.reserveCapacity(64)
        for byte in hasher.finalize() {
            digest.append(hex[Int(byte >> 4)])
            digest.append(hex[Int(byte & 15)])
        }
        return .success(FileFacts(size: size, prefix: prefix, sha256: String(decoding: digest, as: UTF8.self)))
    }
}
