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
        // Told the size, the reader takes a read stopping there as the end; told a wrong one, it
        // reads on to the end all the same (when its buffer fills, in chunks, as for a file
        // that grew, and keeps no contents).
        for told in [first.size, first.size - 1, first.size + 1, 0] {
            let known = try FileFacts.read(path, size: told).get()
            #expect(known.sha256 == first.sha256)
            #expect(known.size == first.size)
            #expect(known.prefix.count == first.prefix.count)
            #expect(known.contents?.count == (max(4096, told + 1) > first.size ? first.size : nil))
        }
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
