import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The few file-system operations the claim protocol is built from, each atomic on its own:
/// a rename that never replaces, a file written whole or not at all, and `fsync` of folders so a
/// rename survives a power cut.
enum DurableFiles {
    /// Why an operation failed: `errno` and a message naming the path.
    struct Failure: Error, CustomStringConvertible {
        var code: Int32
        var description: String

        init(_ operation: String, _ path: String, code: Int32 = errno) {
            self.code = code
            description = "\(operation) \(path): \(String(cString: strerror(code)))"
        }

        init(message: String) {
            code = EIO
            description = message
        }

        var isMissing: Bool { code == ENOENT }
        var isExisting: Bool { code == EEXIST }
    }

    /// Renames `from` to `to` only if `to` does not exist (`renameat2(RENAME_NOREPLACE)`; on a file
    /// system without it, `link` + `unlink`, which never replaces either). Both must be on one file
    /// system.
    static func renameNoReplace(_ from: String, _ to: String) throws(Failure) {
        if let renameat2 = renameat2Function, renameat2(AT_FDCWD, from, AT_FDCWD, to, 1 /* RENAME_NOREPLACE */) == 0 { return }
        let code = renameat2Function == nil ? ENOSYS : errno
        guard code == EINVAL || code == ENOSYS else { throw Failure("rename to", to, code: code) }
        guard link(from, to) == 0 else { throw Failure("link to", to) }
        // From here both names point at the file: a crash now is resolved by recovery (the
        // destination exists with the same content, the work name is then removed).
        guard unlink(from) == 0 else { throw Failure("unlink", from) }
    }

    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc's `renameat2`, which Swift does not import (it is declared under `_GNU_SOURCE`).
    private static let renameat2Function: Renameat2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Renameat2.self)
    }()

    /// Renames, replacing `to` when it exists (the caller owns the name `to`).
    static func rename(_ from: String, _ to: String) throws(Failure) {
        guard Glibc.rename(from, to) == 0 else { throw Failure("rename to", to) }
    }

    /// Moves a file to another file system: copies it to a hidden temporary name beside `to`,
    /// flushes it, links it in under `to` without replacing, then removes `from`.
    static func moveAcrossFileSystems(_ from: String, _ to: String) throws(Failure) {
        let folder = (to as NSString).deletingLastPathComponent
        let temporary = folder + "/." + (to as NSString).lastPathComponent + ".customs-copy"
        unlink(temporary)
        guard let data = FileManager.default.contents(atPath: from) else { throw Failure("read", from, code: EIO) }
        try write(data, to: temporary)
        do {
            try renameNoReplace(temporary, to)
        } catch {
            unlink(temporary)
            throw error
        }
        syncFolder(folder)
        guard unlink(from) == 0 else { throw Failure("unlink", from) }
    }

    /// Writes `data` to `path` (created or truncated) and flushes it to disk.
    static func write(_ data: Data, to path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure("create", path) }
        defer { close(descriptor) }
        var offset = 0
        let result: Int32 = data.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
        if result != 0 { throw Failure("write", path, code: result) }
        guard fsync(descriptor) == 0 else { throw Failure("fsync", path) }
    }

    /// Writes `data` whole under `path` or not at all: a hidden temporary file beside it, flushed,
    /// then renamed over `path`. On failure (a full disk) the temporary file is removed and `path`
    /// is as it was — never half written.
    static func writeAtomically(_ data: Data, to path: String) throws(Failure) {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = temporaryPath(for: path)
        do {
            try write(data, to: temporary)
            try rename(temporary, path)
        } catch {
            unlink(temporary)
            throw error
        }
        syncFolder(folder)
    }

    /// The hidden temporary name beside `path` under which its content is written before it is
    /// renamed into place.
    static func temporaryPath(for path: String) -> String {
        (path as NSString).deletingLastPathComponent + "/." + (path as NSString).lastPathComponent + ".tmp"
    }

    /// Flushes a folder's entries (the renames into it) to disk.
    static func syncFolder(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// True when `path` is a regular file (not a folder, link, pipe or socket).
    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// The names in a folder, unsorted; empty when it cannot be read.
    static func names(in folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        // readdir's record is only as long as its name (d_reclen), not sizeof(dirent): read the
        // name where it stands instead of copying the 256-byte d_name field out of the record.
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(directory) {
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
