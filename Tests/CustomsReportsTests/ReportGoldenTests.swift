import CustomsTestSupport
import Foundation
import Testing

/// Each format of the Samples/ report against its checked-in golden file.
///
/// Regenerate after an intended change with
/// `CUSTOMS_UPDATE_GOLDEN=1 swift test --filter ReportGoldenTests`, then review the diff
/// (Tests/Fixtures/reports/README.md).
@Suite struct ReportGoldenTests {
    @Test(arguments: ["html", "csv", "json", "md"])
    func samplesReportMatchesItsGoldenFile(ext: String) throws {
        let run = try ReportRun.render(["Samples"], ext: ext, name: "golden\(ext)")
        #expect(run.status == 0, "\(run.outcome.stderr)")
        let golden = TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/reports/samples.\(ext)")
        if ProcessInfo.processInfo.environment["CUSTOMS_UPDATE_GOLDEN"] == "1" {
            try Data(run.text.utf8).write(to: golden)
        }
        let expected = String(decoding: try Data(contentsOf: golden), as: UTF8.self)
        #expect(run.text == expected, "samples.\(ext) differs from its golden file; regenerate with CUSTOMS_UPDATE_GOLDEN=1 if intended")
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let first = try ReportRun.render(["Samples"], ext: "html", name: "det1")
        let second = try ReportRun.render(["Samples"], ext: "html", extra: ["--jobs", "1"], name: "det2")
        #expect(first.text == second.text)
    }
}
