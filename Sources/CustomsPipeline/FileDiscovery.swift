import Foundation

/// Expands the command line's PATH arguments into the files of a batch.
///
/// Folders are walked recursively in name order; dot-files and dot-folders (`.git`,
/// `.customs-work`) are skipped. A path that does not exist is an error of the command (exit 2),
/// not a finding.
public enum FileDiscovery {
    public static func files(in paths: [String]) throws -> [String] {
        let fileManager = FileManager.default
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw PipelineError("no such file or folder: \(path)")
            }
            if isDirectory.boolValue {
                files += walk(path)
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// The files under `directory`, in name order. Symbolic links are followed, but a folder is
    /// walked once however many links lead to it (a link to `.` or to a parent would otherwise
    /// repeat the tree, or loop); a link whose target does not exist is listed, so that reading
    /// it gives its `file.unreadable` finding rather than nothing.
    static func walk(_ directory: String) -> [String] {
        var visited = Set<FolderIdentity>()
        var files: [String] = []
        walk(directory, visited: &visited, into: &files)
        return files
    }

    private static func walk(_ directory: String, visited: inout Set<FolderIdentity>, into files: inout [String]) {
        if let identity = FolderIdentity(directory), !visited.insert(identity).inserted { return }
        guard let entries = FolderEntry.list(directory) else {
            files.append(directory)
            return
        }
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        for entry in entries.sorted(by: { $0.name < $1.name }) where !entry.name.hasPrefix(".") {
            let path = base + "/" + entry.name
            if entry.isDirectory(at: path) {
                walk(path, visited: &visited, into: &files)
            } else {
                files.append(path)
            }
        }
    }

    /// A folder as the file system knows it (device and inode), whatever path leads to it.
    private struct FolderIdentity: Hashable {
        var device: UInt64
        var inode: UInt64

        init?(_ path: String) {
            var facts = stat()
            guard stat(path, &facts) == 0 else { return nil }
            device = UInt64(facts.st_dev)
            inode = UInt64(facts.st_ino)
        }
    }
}

extension FileDiscovery {
    public static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
