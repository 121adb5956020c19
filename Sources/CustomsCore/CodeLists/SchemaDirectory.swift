public import Foundation

/// Finds the project's `Schemas/` folder: `$CUSTOMS_SCHEMAS`, else the first `Schemas/` holding
/// `cbd.xsd` above the executable or the working directory.
public enum SchemaDirectory {
    public static func locate() -> URL? {
        let fileManager = FileManager.default
        if let path = ProcessInfo.processInfo.environment["CUSTOMS_SCHEMAS"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var starts = [URL(fileURLWithPath: fileManager.currentDirectoryPath)]
        if let executable = Bundle.main.executableURL { starts.insert(executable.deletingLastPathComponent(), at: 0) }
        for start in starts {
            var directory = start.standardizedFileURL
            for _ in 0..<8 {
                let candidate = directory.appendingPathComponent("Schemas")
                if fileManager.fileExists(atPath: candidate.appendingPathComponent("cbd.xsd").path) { return candidate }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        return nil
    }
}
