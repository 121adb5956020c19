import CustomsCore
@testable import CustomsPipeline
import Testing

/// The same bytes received again under another name: `file.duplicate` on each later file, naming
/// the first; empty files and files without a hash are never duplicates.
@Suite struct BatchChecksTests {
    @Test func laterCopiesNameTheFirstFile() {
        func result(_ file: String, _ hash: String?, size: Int = 10) -> FileResult {
            var result = FileResult(file: file)
            result.sha256 = hash
            result.size = size
            return result
        }
        var results = [
            result("a.xml", "aaaa1111aaaa1111"), result("b.xml", "bbbb2222bbbb2222"), result("c.xml", "aaaa1111aaaa1111"),
            result("d.xml", "aaaa1111aaaa1111"), result("e.xml", nil), result("f.xml", "bbbb2222bbbb2222", size: 0),
            result("g.xml", "bbbb2222bbbb2222"),
        ]
        BatchChecks.markDuplicates(&results)
        #expect(results.map { $0.findings.map(\.message) } == [
            [], [],
            ["the same content (SHA-256 aaaa1111aaaa…) was already received as a.xml"],
            ["the same content (SHA-256 aaaa1111aaaa…) was already received as a.xml"],
            [], [],
            ["the same content (SHA-256 bbbb2222bbbb…) was already received as b.xml"],
        ])
        #expect(results.allSatisfy { $0.findings.allSatisfy { $0.rule == "file.duplicate" } })
    }
}
