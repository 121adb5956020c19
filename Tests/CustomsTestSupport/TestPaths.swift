public import Foundation

/// Where tests find the package, the shared corpus (`../shared/corpus`, which CI has too),
/// the built `customs` binary and scratch folders.
public enum TestPaths {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `../shared/corpus` beside the package.
    public static let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    public static func corpus(_ relative: String) -> String {
        corpus.appendingPathComponent(relative).path
    }

    public static let schemas = packageRoot.appendingPathComponent("Schemas")
    public static let samples = packageRoot.appendingPathComponent("Samples")

    public static func sample(_ name: String) -> String {
        samples.appendingPathComponent(name).path
    }

    /// A fixture committed under `Tests/Fixtures/`.
    public static func fixture(_ name: String) -> String {
        packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(name).path
    }

    /// A fresh scratch folder under the system temporary folder.
    public static func scratch(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("customs-tests-\(safe)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
