import CustomsTestSupport
import Foundation
import Testing

/// `customs validate` reports timing findings; `customs timing` prints the SPEC.md shapes.
@Suite struct TimingCommandTests {
    static let faults = TestPaths.fixture("timing/release-late-and-before-lodgement.xml")

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func validateReportsTimingFindingsForTheDeclarationsItReads() throws {
        let outcome = try CommandRunner.run(["validate", Self.faults, "--format", "json"])
        #expect(outcome.status == 1, "timing.order is an error")
        let json = try Self.object(outcome.stdout)
        let file = try #require((json["files"] as? [[String: Any]])?.first)
        let findings = try #require(file["findings"] as? [[String: Any]])
        let late = try #require(findings.first { $0["rule"] as? String == "timing.release-limit" })
        #expect(late["declaration"] as? String == "50508/170325/0009001")
        #expect(late["severity"] as? String == "warning")
        #expect((late["message"] as? String)?.contains("5 h 12 min (18,720 s) after acceptance") == true)
        let order = try #require(findings.first { $0["rule"] as? String == "timing.order" })
        #expect(order["declaration"] as? String == "50508/170325/0009002")
        #expect(order["line"] as? Int == 34)
        let declarations = try #require(file["declarations"] as? [[String: Any]])
        #expect(declarations.map { $0["valid"] as? Bool } == [true, false])
    }

    @Test func samplesValidateWithoutTimingFindings() throws {
        let outcome = try CommandRunner.run(["validate", TestPaths.samples.path])
        #expect(outcome.status == 0)
        #expect(!outcome.stdout.contains("[timing.order]"))
        #expect(!outcome.stdout.contains("[timing.release-limit]"))
        #expect(!outcome.stdout.contains("[timing.ambiguous-local-time]"))
    }

    @Test func timingJSONOfTheSamples() throws {
        let outcome = try CommandRunner.run(["timing", TestPaths.samples.path, "--format", "json"])
        #expect(outcome.status == 0)
        let json = try Self.object(outcome.stdout)
        let declarations = try #require(json["declarations"] as? [[String: Any]])
        let kazakh = try #require(declarations.first { $0["key"] as? String == "50509/040425/0000871" })
        let intervals = try #require(kazakh["intervals"] as? [String: Int])
        #expect(intervals["acceptanceToRelease"] == 9_060)
        #expect(intervals["arrivalToRelease"] == 51_720)
        #expect(intervals["releaseToExit"] == nil, "absent, not zero")
        #expect((kazakh["workingIntervals"] as? [String: Int])?["acceptanceToRelease"] == 9_060)
        let groups = try #require(json["groups"] as? [[String: Any]])
        let yellow = try #require(groups.first { $0["riskChannel"] as? String == "yellow" })
        #expect(yellow["withinTarget"] as? Int == 1)
        #expect((yellow["missing"] as? [String: Int])?["exit"] == 1)
        // Only the notes that the Kazakh import's lodgement time had no offset (one per copy of the file).
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.compactMap { $0["rule"] as? String } == ["timing.zone-assumed", "timing.zone-assumed"])
    }

    @Test func timingCSVHasOneRowPerDeclaration() throws {
        let outcome = try CommandRunner.run(["timing", Self.faults, "--format", "csv"])
        #expect(outcome.status == 1)
        let rows = outcome.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 3)
        #expect(rows[0].hasPrefix("id,key,declaring_country,border_crossing,transport_mode,risk_channel,arrival_to_lodgement,"))
        #expect(rows[2] == "50508/170325/0009002,50508/170325/0009002,KZ,nurzholy-khorgos,road,green,,,,-4500,,,,,,-4500,,,14400,")
    }
}
