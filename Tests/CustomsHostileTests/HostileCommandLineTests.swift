import CustomsTestSupport
import Foundation
import Testing

/// A representative subset through the `customs` binary: exit 1, the finding printed, no local
/// file content on stdout or stderr.
@Suite(.serialized, .timeLimit(.minutes(20))) struct HostileCommandLineTests {
    static let fixtures: [(file: String, rule: String)] = [
        ("external-entity-file.xml", "xml.dtd-forbidden"),
        ("parameter-entity-file.xml", "xml.dtd-forbidden"),
        ("xinclude-local-file.xml", "xml.include-forbidden"),
        ("invalid-utf8-in-utf8.xml", "encoding.invalid"),
        ("binary-png-named.xml", "format.unknown"),
        ("csv-unclosed-quote.csv", "csv.malformed"),
    ]

    @Test(arguments: fixtures)
    func exitsOneWithItsFinding(_ file: String, _ rule: String) throws {
        try expectExitOne(Hostile.fixture(file), rule: rule)
    }

    @Test func deepNestingExitsOne() throws {
        let folder = try TestPaths.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try expectExitOne(try HostileInputs.deepNesting(in: folder), rule: "xml.limit")
    }

    @Test func aMillionColumnsExitOne() throws {
        let folder = try TestPaths.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try expectExitOne(try HostileInputs.csvMillionColumns(in: folder), rule: "csv.malformed")
    }

    @Test func aFileOverMaxFileSizeIsNotRead() throws {
        let outcome = try CommandRunner.run(
            ["validate", "--format", "json", "--max-file-size", "1K", TestPaths.sample("cbd-rail-consignment-altynkol.xml")], timeout: 1200)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("file.limit"))
        #expect(outcome.stdout.contains("--max-file-size"))
        let bad = try CommandRunner.run(["validate", "--max-file-size", "lots", TestPaths.sample("cbd-rail-consignment-altynkol.xml")])
        #expect(bad.status == 2)
    }

    private func expectExitOne(_ path: String, rule: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for format in ["text", "json"] {
            let outcome = try CommandRunner.run(["validate", "--format", format, path], timeout: 1200)
            #expect(outcome.status == 1, "\(format): exit \(outcome.status) \(outcome.stderr.prefix(300))", sourceLocation: sourceLocation)
            #expect(outcome.stdout.contains(rule), sourceLocation: sourceLocation)
            for marker in Hostile.leakMarkers {
                #expect(!outcome.stdout.contains(marker) && !outcome.stderr.contains(marker), sourceLocation: sourceLocation)
            }
        }
    }
}
