import CustomsCore
@testable import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

/// Without the store (``PipelineConfiguration/hashesEveryFile`` false) a file read whole gets a
/// fingerprint instead of its SHA-256; the SHA-256 is computed only where a duplicate or a key
/// needs it, and the output is the one every file's SHA-256 gives.
@Suite(.timeLimit(.minutes(5))) struct FileFingerprintTests {
    static let configuration = Result { try PipelineConfiguration.load() }

    static func runner(hashingEveryFile: Bool) throws -> BatchRunner {
        var configuration = try configuration.get()
        configuration.hashesEveryFile = hashingEveryFile
        return BatchRunner(configuration: configuration)
    }

    /// Two copies of the Alashankou export declaration and a file of the same size that differs
    /// in its last byte: the copy is a duplicate named by its SHA-256 (`sha256sum`: 823e36aa654f…),
    /// the altered file is not, however its fingerprint fell.
    @Test func aCopyIsFoundAndNamedByItsSHA256AndAFileOfTheSameSizeIsNot() throws {
        let folder = try TestPaths.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try Data(contentsOf: URL(fileURLWithPath: TestPaths.sample("cn-dec-export-alashankou-rail.xml")))
        var altered = original
        altered[altered.count - 1] = UInt8(ascii: " ")
        let paths = ["a-original.xml", "b-copy.xml", "c-last-byte-altered.xml"].map { folder.appendingPathComponent($0).path }
        try original.write(to: URL(fileURLWithPath: paths[0]))
        try original.write(to: URL(fileURLWithPath: paths[1]))
        try altered.write(to: URL(fileURLWithPath: paths[2]))

        let fingerprinted = try Self.runner(hashingEveryFile: false).run(paths)
        let hashed = try Self.runner(hashingEveryFile: true).run(paths)
        let duplicates = fingerprinted.map { $0.findings.filter { $0.rule == "file.duplicate" }.map(\.message) }
        #expect(duplicates == [[], ["the same content (SHA-256 823e36aa654f…) was already received as \(paths[0])"], []])
        #expect(duplicates == hashed.map { $0.findings.filter { $0.rule == "file.duplicate" }.map(\.message) })
        // Only the files another one matched were hashed, and hashed exactly.
        #expect(fingerprinted.map(\.sha256) == [
            "823e36aa654febdba7e54ae67af15c814279795ae96e49721616967bc121a7ce",
            "823e36aa654febdba7e54ae67af15c814279795ae96e49721616967bc121a7ce", nil,
        ])
        #expect(fingerprinted[0].fingerprint == fingerprinted[1].fingerprint)
        #expect(fingerprinted[0].fingerprint != fingerprinted[2].fingerprint)
    }

    /// The forwarder's CSV without declaration numbers: its keys are the first 12 hex digits of
    /// the file's SHA-256 (`sha256sum`: 5b73157f29ef…) and the position, fingerprint or not.
    @Test func keysWithoutIDsTakeTheSHA256AllTheSame() throws {
        let path = TestPaths.fixture("reports/samples.csv")
        let fingerprinted = try Self.runner(hashingEveryFile: false).run([path])[0]
        let hashed = try Self.runner(hashingEveryFile: true).run([path])[0]
        #expect(fingerprinted.declarations.headers.prefix(3).map(\.key) == ["5b73157f29ef#1", "5b73157f29ef#2", "5b73157f29ef#3"])
        #expect(fingerprinted.declarations.headers.map(\.key) == hashed.declarations.headers.map(\.key))
        #expect(fingerprinted.sha256 == "5b73157f29ef18ec0154218b117e6a494bd8464420a9dfbfdf080dc5c2d1964e")
    }
}
