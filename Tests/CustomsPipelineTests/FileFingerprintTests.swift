import CustomsCore
@testable import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

/// Without the store (``PipelineConfiguration/hashesEveryFile`` false) a file read whole is not
/// hashed as it is read; its SHA-256 is computed only where a duplicate or a key needs it, and
/// the output is the one every file's SHA-256 gives.
@Suite(.timeLimit(.minutes(20))) struct FileFingerprintTests {
    static let configuration = Result { try PipelineConfiguration.load() }

    static func runner(hashingEveryFile: Bool) throws -> BatchRunner {
        var configuration = try configuration.get()
        configuration.hashesEveryFile = hashingEveryFile
        return BatchRunner(configuration: configuration)
    }

    /// Two copies of the Alashankou export declaration and a file of the same size that differs
    /// in its last byte (the same declaration read from it): the copy is a duplicate named by its
    /// SHA-256 (`sha256sum`: 823e36aa654f…); the altered file reads the same, so it is hashed
    /// too (`sha256sum`: f23261ada93e…), and is no duplicate.
    @Test func aCopyIsFoundAndNamedByItsSHA256AndAFileThatReadsTheSameIsNot() throws {
        let folder = try TestPaths.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try Data(contentsOf: URL(fileURLWithPath: TestPaths.sample("cn-dec-export-alashankou-rail.xml")))
        var altered = original
        altered[altered.count - 1] = UInt8(ascii: " ")
        let paths = ["a-original.xml", "b-copy.xml", "c-last-byte-altered.xml"].map { folder.appendingPathComponent($0).path }
        try original.write(to: URL(fileURLWithPath: paths[0]))
        try original.write(to: URL(fileURLWithPath: paths[1]))
        try altered.write(to: URL(fileURLWithPath: paths[2]))

        let unhashed = try Self.runner(hashingEveryFile: false).run(paths)
        let hashed = try Self.runner(hashingEveryFile: true).run(paths)
        let duplicates = unhashed.map { $0.findings.filter { $0.rule == "file.duplicate" }.map(\.message) }
        #expect(duplicates == [[], ["the same content (SHA-256 823e36aa654f…) was already received as \(paths[0])"], []])
        #expect(duplicates == hashed.map { $0.findings.filter { $0.rule == "file.duplicate" }.map(\.message) })
        #expect(unhashed.map(\.sha256) == [
            "823e36aa654febdba7e54ae67af15c814279795ae96e49721616967bc121a7ce",
            "823e36aa654febdba7e54ae67af15c814279795ae96e49721616967bc121a7ce",
            "f23261ada93e09fa9a2c633600a9de29ad605042184decc28595cec2da1681e5",
        ])
        // Files with declarations are told apart by them, not by a fingerprint of their bytes.
        #expect(unhashed.map(\.fingerprint) == [nil, nil, nil])
    }

    /// Files without a declaration (a document cut off inside its root) are told apart by a
    /// fingerprint of their bytes: the copy is a duplicate, the file of the same size with
    /// other bytes is not hashed at all.
    @Test func filesWithoutADeclarationAreToldApartByTheirBytes() throws {
        let folder = try TestPaths.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let truncated = Data(#"<?xml version="1.0" encoding="UTF-8"?><DecMessage><DecHead><SeqNo>0001"#.utf8)
        let otherTruncated = Data(#"<?xml version="1.0" encoding="UTF-8"?><DecMessage><DecHead><SeqNo>0002"#.utf8)
        let paths = ["truncated.xml", "truncated-copy.xml", "truncated-other-number.xml"].map { folder.appendingPathComponent($0).path }
        try truncated.write(to: URL(fileURLWithPath: paths[0]))
        try truncated.write(to: URL(fileURLWithPath: paths[1]))
        try otherTruncated.write(to: URL(fileURLWithPath: paths[2]))

        let unhashed = try Self.runner(hashingEveryFile: false).run(paths)
        #expect(unhashed.map { $0.declarations.count } == [0, 0, 0])
        #expect(unhashed.map { $0.findings.contains { $0.rule == "file.duplicate" } } == [false, true, false])
        #expect(unhashed[0].fingerprint == unhashed[1].fingerprint)
        #expect(unhashed[0].fingerprint != unhashed[2].fingerprint)
        #expect(unhashed[0].sha256 != nil && unhashed[0].sha256 == unhashed[1].sha256)
        #expect(unhashed[2].sha256 == nil)
    }

    /// The forwarder's CSV without declaration numbers: its keys are the first 12 hex digits of
    /// the file's SHA-256 (`sha256sum`: 5b73157f29ef…) and the position, hashed as read or not.
    @Test func keysWithoutIDsTakeTheSHA256AllTheSame() throws {
        let path = TestPaths.fixture("reports/samples.csv")
        let unhashed = try Self.runner(hashingEveryFile: false).run([path])[0]
        let hashed = try Self.runner(hashingEveryFile: true).run([path])[0]
        #expect(unhashed.declarations.headers.prefix(3).map(\.key) == ["5b73157f29ef#1", "5b73157f29ef#2", "5b73157f29ef#3"])
        #expect(unhashed.declarations.headers.map(\.key) == hashed.declarations.headers.map(\.key))
        #expect(unhashed.sha256 == "5b73157f29ef18ec0154218b117e6a494bd8464420a9dfbfdf080dc5c2d1964e")
    }
}
