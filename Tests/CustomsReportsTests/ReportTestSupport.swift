import CustomsTestSupport
import Foundation
import Testing

/// Runs `customs report` into a scratch folder and reads what it wrote.
enum ReportRun {
    static func render(_ paths: [String], ext: String, extra: [String] = [], name: String = #function) throws -> (status: Int32, text: String, outcome: CommandOutcome) {
        let out = try TestPaths.scratch(name).appendingPathComponent("report.\(ext)")
        let outcome = try CommandRunner.run(["report"] + paths + ["--out", out.path] + extra)
        // Decoded by hand: Foundation's String(contentsOf:) would drop a byte order mark.
        let text = (try? Data(contentsOf: out)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return (outcome.status, text, outcome)
    }

    /// The fixture of the formula-injection defect (ids, names and descriptions starting with = + - @).
    static let injectionFixture = "Tests/Fixtures/reports/formula-injection-in-text-fields.xml"
}
