import CustomsCore
import Foundation

/// What is decided about a path before any byte of it is read: it must be a regular file (a
/// FIFO would block the reader forever, a device never ends) within the size limit.
enum FileAdmission {
    /// Whether the file at `path` is read, decided from one `stat`.
    enum Decision {
        /// Not read: `file.unreadable` for anything but a regular file, `file.limit` for one
        /// larger than the limit.
        case refused(Finding)
        /// Read; `size` is the size `stat` gave, `nil` when `stat` failed (the reader then
        /// names the error).
        case admitted(size: Int?)
    }

    /// The ``Decision`` for the file at `path` with the size limit `limit`.
    static func decide(_ path: String, limit: FileSizeLimit) -> Decision {
        var status = stat()
        guard stat(path, &status) == 0 else { return .admitted(size: nil) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            return .refused(Finding(
                rule: "file.unreadable",
                message: "not a regular file (a FIFO, device or socket); it is not read",
                file: path))
        }
        let size = Int(status.st_size)
        guard size > limit.bytes else { return .admitted(size: size) }
        return .refused(Finding(
            rule: "file.limit",
            message: "the file is \(FileSizeLimit.describe(size)), larger than the limit of \(FileSizeLimit.describe(limit.bytes)) (--max-file-size); it is not read",
            file: path))
    }

    /// A finding when the file at `path` is not read at all (see ``Decision/refused(_:)``);
    /// `nil` when it is read.
    static func check(_ path: String, limit: FileSizeLimit) -> Finding? {
        if case let .refused(finding) = decide(path, limit: limit) { return finding }
        return nil
    }
}
