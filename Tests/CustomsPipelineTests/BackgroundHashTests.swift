@testable import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

/// A large file's SHA-256, computed on its own thread while the file is parsed, is the one
/// reading the file first gives.
@Suite struct BackgroundHashTests {
    @Test("the hash thread gives the facts of reading the file first", arguments: [
        "Samples/forwarder-manifest-ru.csv", "Samples/cbd-rail-consignment-altynkol.xml",
    ])
    func sameFacts(file: String) throws {
        let path = TestPaths.packageRoot.appendingPathComponent(file).path
        let first = try FileFacts.read(path).get()
        let hashing = BackgroundHash(path: path)
        let hashed = try hashing.wait().get()
        #expect(hashed.sha256 == first.sha256)
        #expect(hashed.sha256?.count == 64)
        #expect(hashed.size == first.size)
        // Asked again, the same answer at once.
        #expect(try hashing.wait().get().sha256 == first.sha256)
        let peeked = try FileFacts.peek(path).get()
        #expect(peeked.sha256 == nil)
        #expect(peeked.size == first.size)
        #expect(peeked.prefix == first.prefix)
        #expect(FileFacts.size(of: path) == first.size)
    }

    @Test("a file the hash thread cannot read gives the reason reading it first gives")
    func unreadable() {
        let path = TestPaths.packageRoot.appendingPathComponent("Samples/no-such-declaration.xml").path
        guard case let .failure(expected) = FileFacts.read(path) else {
            Issue.record("a missing file was read")
            return
        }
        guard case let .failure(error) = BackgroundHash(path: path).wait() else {
            Issue.record("a missing file was hashed")
            return
        }
        #expect(error.description == expected.description)
        #expect(error.description.hasPrefix("cannot read the file"))
    }
}
