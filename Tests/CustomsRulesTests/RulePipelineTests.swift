import CustomsCore
import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

/// The rules inside the pipeline: after harmonization, on each declaration, whatever the schema said.
@Suite struct RulePipelineTests {
    let shortHS = TestPaths.fixture("rules/schema-violation-short-hs-and-placeholder-container.xml")
    let mismatch = TestPaths.fixture("rules/line-total-and-gross-mass-mismatch.xml")

    @Test func aSchemaViolationDoesNotStopTheLaterLayers() throws {
        let configuration = try PipelineConfiguration.load(schemaDirectories: [TestPaths.schemas.path])
        let result = FileProcessor(configuration: configuration).process(shortHS)
        let rules = result.findings.map(\.rule)
        #expect(rules.contains("schema.violation"))
        let container = try #require(result.findings.first { $0.rule == "container.check-digit" })
        #expect(container.message.contains("'666666' is not an ISO 6346 container number"))
        #expect(container.declaration == "KZ-TEST-0001")
        #expect(container.field == "containers[0]")
        let hs = try #require(result.findings.first { $0.rule == "code.hs" })
        #expect(hs.line == 12)
    }

    @Test func findingsCarryTheItemLineAndTheDeclarationKey() throws {
        let result = FileProcessor(configuration: try PipelineConfiguration.load()).process(mismatch)
        let line = try #require(result.findings.first { $0.rule == "value.line-total" })
        #expect(line.line == 24 && line.field == "goodsItems[1].value" && line.declaration == "KZ-TEST-0002")
        #expect(line.message.contains("2200 differs from quantity 2 × unitPrice 1000 = 2000"))
        let totals = try #require(result.findings.first { $0.rule == "totals.mismatch" })
        #expect(totals.field == "totals.grossMassKg")
        #expect(totals.message.contains("1500 differs from 1300"))
        #expect(result.findings.count == 2)
    }

    /// A unit price filed as `12.00` is known to the cent: 1500 × 12.00 = 18000 against a line
    /// value of 18700 is USD 700 off, not rounding (a price filed as `12` may be 12.49, and 18700
    /// passes). Decimal normalizes 12.00 to 12, so the decimals as written are kept beside it.
    @Test func aUnitPriceWithTrailingZerosAllowsOnlyItsOwnRounding() throws {
        let processor = FileProcessor(configuration: try PipelineConfiguration.load())
        for fixture in ["rules/unit-price-trailing-zeros-line-value-off.xml", "csv/unit-price-trailing-zeros-decimal-comma-line-value-off.csv"] {
            let result = processor.process(TestPaths.fixture(fixture))
            let lines = result.findings.filter { $0.rule == "value.line-total" }
            #expect(lines.map(\.field) == ["goodsItems[0].value"], "\(fixture)")
            let line = try #require(lines.first)
            #expect(line.message.contains("18700 differs from quantity 1500 × unitPrice 12.00 = 18000 by 700"))
            #expect(line.message.contains("(2 decimals)") && line.message.contains("explains at most 7.505"))
            let items = result.declarations[0].goodsItems
            #expect(items.map(\.unitPrice) == [12, Decimal(string: "12.5"), fixture.hasSuffix(".csv") ? Decimal(string: "1250.1") : 12])
            // `1 250,10` in the CSV: 1250.1, written with 2 decimals.
            #expect(items.map(\.unitPriceDecimals) == [2, 2, fixture.hasSuffix(".csv") ? 2 : nil])
        }
    }

    @Test func maxFindingsAppliesPerFileAndSaysWhere() throws {
        let processor = FileProcessor(configuration: try PipelineConfiguration.load())
        let results = [processor.process(mismatch), processor.process(shortHS)]
        let report = BatchReport(files: results, maxFindings: 1)
        for file in report.files {
            #expect(file.findings.count == 2)
            let capped = try #require(file.findings.last)
            #expect(capped.rule == "findings.capped" && capped.severity == .warning && capped.file == file.file)
            // One finding over the cap in each file: said in the singular, with its severity.
            #expect(capped.message.hasPrefix("1 more finding was not listed (--max-findings 1) in this file"))
            #expect(capped.message.hasSuffix("; it is an error"))
            #expect(capped.message.contains("cut from line"))
        }
        #expect(report.exitStatus == 1)
        // Both findings of each file over a cap of 0: the plural, with the count of errors.
        for file in BatchReport(files: results, maxFindings: 0).files {
            let capped = try #require(file.findings.last)
            #expect(capped.message.hasPrefix("2 more findings were not listed (--max-findings 0) in this file"))
            #expect(capped.message.hasSuffix("; 2 of them errors"))
        }
    }

    @Test func anInvalidRulesFileStopsTheCommandWithStatus2() throws {
        let file = try TestPaths.scratch().appendingPathComponent("bad-rules.json")
        try Data(#"{"rules": {"code.nonsense": {"enabled": false}}}"#.utf8).write(to: file)
        let outcome = try CommandRunner.run(["validate", "--rules", file.path, mismatch])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("unknown rule code \"code.nonsense\""))
        let good = try TestPaths.scratch().appendingPathComponent("rules.json")
        try Data(#"{"rules": {"value.line-total": {"enabled": false}, "totals.mismatch": {"severity": "warning"}}}"#.utf8).write(to: good)
        let accepted = try CommandRunner.run(["validate", "--rules", good.path, mismatch])
        #expect(accepted.status == 0)
        #expect(!accepted.stdout.contains("value.line-total"))
        #expect(accepted.stdout.contains("warning: totals.grossMassKg 1500"))
    }
}

/// The real samples of the corpus (issue 6, "Must show"). They need the adapters of the other
/// formats, which are built on other branches.
@Suite struct CorpusRuleTests {
    func findings(_ relative: String) throws -> [Finding] {
        FileProcessor(configuration: try PipelineConfiguration.load()).process(TestPaths.corpus(relative)).findings
    }

    @Test
    func ceb621LineTotalsAndHSEdition() throws {
        let found = try findings("cn-ceb/CEB621Message.xml")
        #expect(found.contains { $0.rule == "value.line-total" && $0.field?.hasPrefix("goodsItems[") == true })
        #expect(!found.contains { $0.rule == "code.hs" })
        let editions = found.filter { $0.rule == "code.hs-edition" }
        #expect(!editions.isEmpty)
        #expect(editions.allSatisfy { $0.severity == .info && $0.message.contains("HS 2017") })
        // One per declaration (Inventory block), never one per goods item.
        #expect(Set(editions.compactMap(\.declaration)).count == editions.count)
    }

    @Test
    func ceb603LineTotalsAndDirection() throws {
        let found = try findings("cn-ceb/CEB603Message.xml")
        #expect(found.contains { $0.rule == "value.line-total" })
        let direction = try #require(found.first { $0.rule == "code.direction" })
        #expect(direction.message.contains("'a'"))
    }

    @Test
    func cc015cGrossMassMismatch() throws {
        let found = try findings("eu-ncts/cc015c-valid-2.xml")
        #expect(found.contains { $0.rule == "totals.mismatch" && $0.field == "totals.grossMassKg" && $0.message.contains("60000.204") })
    }

    @Test
    func decPlaceholderContainers() throws {
        let found = try findings("cn-dec/Dec201801181647076926.xml")
        let containers = found.filter { $0.rule == "container.check-digit" }
        #expect(!containers.isEmpty)
        #expect(containers.allSatisfy { $0.message.contains("not an ISO 6346 container number") })
    }

    @Test
    func wcoContainerCheckDigit() throws {
        let found = try findings("wco-dms/TT_EX001a.xml")
        #expect(found.contains { $0.rule == "container.check-digit" && $0.message.contains("CONU1234567") && $0.message.contains("expected 2") })
    }
}
