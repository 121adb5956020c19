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

    static func walk(_ directory: String) -> [String] {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: directory) else { return [directory] }
        var files: [String] = []
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = base + "/" + name
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue { files += walk(path) } else { files.append(path) }
        }
        return files
    }
}

extension FileDiscovery {
    public static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
