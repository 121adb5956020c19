import Crypto
import Foundation

/// The bytes-level facts of a file: its size, a prefix for sniffing, and its SHA-256,
/// read in 1 MiB chunks so memory stays bounded whatever the file's size.
struct FileFacts {
    var size: Int
    var prefix: [UInt8]
    var sha256: String

    static let prefixLength = 65_536

    /// `nil` with the reason when the file cannot be opened or read.
    static func read(_ path: String) -> Result<FileFacts, PipelineError> {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = FileManager.default.isReadableFile(atPath: path) ? "cannot open it" : "permission denied or not a regular file"
            return .failure(PipelineError("cannot read the file: \(reason)"))
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var prefix: [UInt8] = []
        var size = 0
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                if prefix.count < prefixLength { prefix += chunk.prefix(prefixLength - prefix.count) }
                hasher.update(data: chunk)
                size += chunk.count
            }
        } catch {
            return .failure(PipelineError("cannot read the file: \(error.localizedDescription)"))
        }
        let digest = hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
        return .success(FileFacts(size: size, prefix: prefix, sha256: digest))
    }
}
