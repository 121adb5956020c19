import CustomsCore
import Foundation

/// What is decided about a path before any byte of it is read: it must be a regular file (a
/// FIFO would block the reader forever, a device never ends) within the size limit.
enum FileAdmission {
    /// A finding when the file at `path` is not read at all: `file.unreadable` for anything but a
    /// regular file, `file.limit` for one larger than `limit`; `nil` when it is read.
    static func check(_ path: String, limit: FileSizeLimit) -> Finding? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }  // the reader names the error
        guard status.st_mode & S_IFMT == S_IFREG else {
            return Finding(
                rule: "file.unreadable",
                message: "not a regular file (a FIFO, device or socket); it is not read",
                file: path)
        }
        let size = Int(status.st_size)
        guard size > limit.bytes else { return nil }
        return Finding(
            rule: "file.limit",
            message: "the file is \(FileSizeLimit.describe(size)), larger than the limit of \(FileSizeLimit.describe(limit.bytes)) (--max-file-size); it is not read",
            file: path)
    }
}
