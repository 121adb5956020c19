import CustomsTestSupport
import Foundation
import Testing

/// The Dostyk consignment in Samples/ carries two deliberate discrepancies; reconcile finds
/// exactly those, and nothing on the Altynkol consignment, which agrees on both sides.
@Suite struct SampleConsignmentTests {
    @Test func theSamplesGiveExactlyTheDeliberateMirrorFindings() throws {
        let outcome = try CommandRunner.run(["reconcile", "--format", "json", "Samples"])
        #expect(outcome.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let pairs = try #require(json["pairs"] as? [[String: Any]])
        #expect(pairs.count == 2)
        let dostyk = try #require(pairs.first { $0["export"] as? String == "650120250000123456" })
        #expect(dostyk["counterpart"] as? String == "6E1F0A52-3C7B-4D21-9A8E-5B20C4F7D913")
        let findings = try #require(dostyk["findings"] as? [[String: Any]])
        #expect(findings.compactMap { $0["rule"] as? String }.sorted() == ["mirror.hs", "mirror.mass"])
        let mass = try #require(findings.first { $0["rule"] as? String == "mirror.mass" })
        #expect((mass["message"] as? String)?.contains("16790 kg on the export side, 18240.5 kg on the other") == true)
        let altynkol = try #require(pairs.first { $0["export"] as? String == "650120250000234567" })
        #expect((altynkol["findings"] as? [Any])?.isEmpty == true)
        #expect(altynkol["matchedBy"] as? [String] == ["transport-document", "container", "invoice", "party-id"])
        #expect(json["unmatched"] as? [String] == ["202503101435120001"])
    }
}
