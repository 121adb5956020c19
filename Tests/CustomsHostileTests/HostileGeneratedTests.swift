import CustomsTestSupport
import Foundation
import Testing

/// The large hostile files, generated at run time. The time limit only guards against a hang;
/// `Scripts/hostile-bounds.sh` measures time and memory against the bounds. Every hostile suite's
/// limit (20 minutes) is set for ThreadSanitizer (`Scripts/sanitizers.sh`), which runs these
/// 100 MB inputs 50–100× slower than a plain debug build (seconds there), over 10 minutes on a
/// loaded 2-core machine, while the other hostile suites wait for its threads.
@Suite(.timeLimit(.minutes(20))) struct HostileGeneratedTests {
    static let cases: [(name: String, make: @Sendable (URL) throws -> String, rule: String)] = [
        ("deep nesting, 100,000 levels", HostileInputs.deepNesting, "xml.limit"),
        ("an attribute of 100 MB", HostileInputs.attribute100MB, "xml.limit"),
        ("a text node of 20 MB", HostileInputs.textNode20MB, "xml.limit"),
        ("200,000 attributes on one element", HostileInputs.manyAttributes, "xml.limit"),
        ("an element name of 1 MB", HostileInputs.longName, "xml.limit"),
        ("1,900,000 elements in one declaration", HostileInputs.hugeRecord, "xml.limit"),
        ("200 MB of text split by comments", HostileInputs.textSplitByComments, "xml.limit"),
        ("quadratic blow-up", HostileInputs.quadraticBlowup, "xml.dtd-forbidden"),
        ("a DOCTYPE behind 70 KB of comment", HostileInputs.doctypeAfterLongComment, "xml.dtd-forbidden"),
        ("a CSV of a million columns", HostileInputs.csvMillionColumns, "csv.malformed"),
        ("a CSV line of 64 MB without a newline", HostileInputs.csv64MBLine, "csv.malformed"),
        ("a CSV line of 64 MB of short fields", HostileInputs.csv64MBLineOfShortFields, "csv.malformed"),
    ]

    @Test(arguments: cases.map(\.name))
    func givesItsFinding(_ name: String) throws {
        let entry = try #require(Self.cases.first { $0.name == name })
        let folder = try TestPaths.scratch(name)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try entry.make(folder)
        let result = Hostile.expect(path, rule: entry.rule)
        for finding in result.findings where finding.rule == entry.rule {
            #expect(finding.message.utf8.count < 600, "a finding quotes the hostile input: \(finding.message.prefix(200))")
        }
    }

    @Test func longCSVRowsAreReadWholeWithinTheSampleBound() throws {
        let folder = try TestPaths.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = Hostile.processor.process(try HostileInputs.csvRowsOfLongFields(in: folder))
        // Every row is read: 60 declarations, none cut.
        #expect(result.declarations.count == 60)
        #expect(!result.findings.contains { $0.rule == "csv.malformed" })
    }
}
