import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A name in a folder with the type `readdir` gives it, so that a regular file or a folder is
/// told without a `stat`; a symbolic link (or an entry of unknown type) is still `stat`ed, to
/// follow it.
struct FolderEntry {
    var name: String
    /// The entry's `d_type` (`DT_REG`, `DT_DIR`, `DT_LNK`, `DT_UNKNOWN`, ...).
    var type: UInt8

    /// The entries of `directory` but `.` and `..`, in the order the system gives them; `nil`
    /// when it cannot be opened.
    static func list(_ directory: String) -> [FolderEntry]? {
        guard let stream = opendir(directory) else { return nil }
        defer { closedir(stream) }
        var entries: [FolderEntry] = []
        while let entry = readdir(stream) {
            let type = entry.pointee.d_type
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                let length = strnlen(bytes.baseAddress!.assumingMemoryBound(to: CChar.self), bytes.count)
                return FileManager.default.string(
                    withFileSystemRepresentation: bytes.baseAddress!.assumingMemoryBound(to: CChar.self), length: length)
            }
            guard name != "." && name != ".." else { continue }
            entries.append(FolderEntry(name: name, type: type))
        }
        return entries
    }

    /// Whether the entry, found at `path`, is a folder — following a symbolic link, as
    /// `FileManager.fileExists(atPath:isDirectory:)` does.
    func isDirectory(at path: String) -> Bool {
        switch Int32(type) {
        case Int32(DT_DIR): return true
        case Int32(DT_REG), Int32(DT_FIFO), Int32(DT_CHR), Int32(DT_BLK), Int32(DT_SOCK): return false
        default:
            var status = stat()
            return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
        }
    }
}
