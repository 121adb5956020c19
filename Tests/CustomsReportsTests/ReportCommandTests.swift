import CustomsTestSupport
import Foundation
import Testing

/// `customs report`: its options and exit statuses.
@Suite struct ReportCommandTests {
    @Test func anUnknownExtensionIsExit2WithAClearMessage() throws {
        let out = try TestPaths.scratch().appendingPathComponent("report.xlsx")
        let outcome = try CommandRunner.run(["report", "Samples", "--out", out.path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("must end in .html, .csv, .json or .md"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func withoutPathOrDatabaseIsExit2() throws {
        let outcome = try CommandRunner.run(["report", "--out", "x.html"])
        #expect(outcome.status == 2)
    }

    @Test func errorFindingsMakeExit1() throws {
        let run = try ReportRun.render(["Tests/Fixtures/xml/empty.xml"], ext: "md", name: "exit1")
        #expect(run.status == 1)
        #expect(run.text.contains("file.empty"))
    }

    @Test func theStoreAloneIsEnough() throws {
        let folder = try TestPaths.scratch()
        let db = folder.appendingPathComponent("customs.sqlite").path
        let first = try CommandRunner.run(["validate", "Samples", "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        let out = folder.appendingPathComponent("store.json")
        let outcome = try CommandRunner.run(["report", "--db", db, "--out", out.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any])
        #expect((json["pairs"] as? [Any])?.count == 2)
        #expect((json["summary"] as? [String: Any])?["files"] as? Int == 0)
    }
}
