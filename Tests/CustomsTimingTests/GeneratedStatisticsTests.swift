import CustomsCore
import CustomsTestSupport
import CustomsTiming
import Foundation
import Testing

/// Group statistics over 10,000 generated declarations equal those computed independently by
/// `Tests/Fixtures/timing/generate.py` (Python fractions and `statistics.quantiles`), checked in
/// as `generated-statistics.json`.
@Suite struct GeneratedStatisticsTests {
    struct Expected {
        let json: [String: Any]

        init() throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("timing/generated-statistics.json")))
            json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
    }

    /// `"7386.25"` → 738625 hundredths (exact: no floating point).
    static func hundredths(_ text: String) -> Int64? {
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0]) else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = String(parts[1])
            guard digits.count <= 2, let value = Int64(digits) else { return nil }
            fraction = digits.count == 1 ? value * 10 : value
        }
        let magnitude = whole * 100 + fraction
        return negative ? -magnitude : magnitude
    }

    @Test func groupStatisticsEqualTheIndependentComputation() throws {
        let expected = try Expected().json
        let seed = try #require(expected["seed"] as? Int)
        let count = try #require(expected["count"] as? Int)
        let declarations = GeneratedDeclarations.make(seed: UInt64(seed), count: count)

        // Same generator as the script: same number of events, same instants.
        let digest = try #require(expected["digest"] as? [String: Any])
        let events = declarations.flatMap(\.events)
        #expect(events.count == digest["events"] as? Int)
        #expect(events.reduce(Int64(0)) { $0 + $1.at.epochSeconds } == (digest["sumEpochSeconds"] as? NSNumber)?.int64Value)

        let report = try TimingFixtures.stage().run(declarations: declarations)
        #expect(report.declarations.count == 10_000)
        let groups = try #require(expected["groups"] as? [[String: Any]])
        #expect(report.groups.count == groups.count)
        for (group, want) in zip(report.groups, groups) {
            let name = "\(want["borderCrossing"] ?? "-")/\(want["transportMode"] ?? "-")/\(want["riskChannel"] ?? "-")"
            #expect(group.key.borderCrossing == want["borderCrossing"] as? String, "\(name)")
            #expect(group.key.transportMode?.rawValue == want["transportMode"] as? String, "\(name)")
            #expect(group.key.riskChannel?.rawValue == want["riskChannel"] as? String, "\(name)")
            #expect(group.count == want["count"] as? Int, "\(name)")
            let intervals = try #require(want["intervals"] as? [String: [String: Any]])
            #expect(Set(group.intervals.keys.map(\.rawValue)) == Set(intervals.keys), "\(name)")
            for (intervalName, stats) in intervals {
                let interval = try #require(TimingInterval(rawValue: intervalName))
                let actual = try #require(group.intervals[interval], "\(name) \(intervalName)")
                #expect(actual.count == stats["count"] as? Int, "\(name) \(intervalName) count")
                #expect(actual.mean.hundredths == Self.hundredths(stats["mean"] as? String ?? ""), "\(name) \(intervalName) mean")
                #expect(actual.median.hundredths == Self.hundredths(stats["median"] as? String ?? ""), "\(name) \(intervalName) median")
                #expect(actual.p90.hundredths == Self.hundredths(stats["p90"] as? String ?? ""), "\(name) \(intervalName) p90")
                #expect(actual.p95.hundredths == Self.hundredths(stats["p95"] as? String ?? ""), "\(name) \(intervalName) p95")
                #expect(actual.max == (stats["max"] as? NSNumber)?.int64Value, "\(name) \(intervalName) max")
            }
            if let within = want["withinTarget"] as? String {
                let tenThousandths = try #require(Self.hundredths4(within))
                #expect(group.withinTarget?.tenThousandths == tenThousandths, "\(name) withinTarget")
            } else {
                #expect(group.withinTarget == nil, "\(name) withinTarget")
            }
            let missing = try #require(want["missing"] as? [String: Int])
            for (milestone, n) in missing {
                #expect(group.missing[try #require(Milestone(rawValue: milestone))] == n, "\(name) missing \(milestone)")
            }
        }
    }

    /// `"0.9523"` → 9523 ten-thousandths.
    static func hundredths4(_ text: String) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int(parts[0]) else { return nil }
        guard parts.count == 2 else { return whole * 10_000 }
        let digits = String(parts[1])
        guard digits.count <= 4, let value = Int(digits) else { return nil }
        return whole * 10_000 + value * Int(pow(10.0, Double(4 - digits.count)))
    }

    @Test func theOutputShapeFollowsTheSpec() throws {
        let declarations = GeneratedDeclarations.make(seed: 7, count: 50)
        let json = try TimingFixtures.stage().run(declarations: declarations).json()
        let first = try #require(json["declarations"]?[0])
        #expect(first["key"]?.stringValue == "GEN-0")
        #expect(first["intervals"] != nil && first["workingIntervals"] != nil)
        let group = try #require(json["groups"]?[0])
        for key in ["count", "intervals", "missing"] { #expect(group[key] != nil, "\(key)") }
        #expect(json["findings"]?.arrayValue != nil)
    }
}
