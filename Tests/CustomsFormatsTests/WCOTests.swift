import CustomsCore
import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

@Suite("WCO Data Model declaration")
struct WCOTests {
    @Test("TT_EX001a: a UK export declaration inside the MetaData envelope")
    func exportDeclaration() throws {
        let result = try harmonized(TestPaths.corpus("wco-dms/TT_EX001a.xml"))
        #expect(result.format == "wco-dms")
        let declaration = try #require(result.declarations.first)
        #expect(result.declarations.count == 1)
        #expect(declaration.sourceFormat == "wco-dms")
        #expect(declaration.direction == .export)
        #expect(declaration.id == "U.7847323YIPYA")
        #expect(declaration.declaringCountry == "GB")
        #expect(declaration.procedure == "1040")
        #expect(declaration.lodgedAt == nil)
        #expect(declaration.lodgedOn == nil)
        #expect(declaration.transportMode == .sea)
        #expect(declaration.containers == ["CONU1234567"])
        #expect(declaration.totals == Totals(packages: decimal("10"), goodsItemCount: 1))
        let item = try #require(declaration.goodsItems.first)
        #expect(item.nationalCode == "46021910")
        #expect(item.hsCode == "460219")
        #expect(item.grossMassKg == decimal("10"))
        #expect(item.netMassKg == decimal("5"))
    }

    @Test("validate --schemas wco-dms-hmrc: the metadata and declaration XSDs validate the file together")
    func schemaSet() throws {
        let outcome = try CommandRunner.run([
            "validate", "--format", "json", "--schemas", TestPaths.corpus("schemas/wco-dms-hmrc"), TestPaths.corpus("wco-dms"),
        ])
        let files = try jsonObject(outcome.stdout)["files"] as? [[String: Any]] ?? []
        #expect(files.count == 1)
        let rules = (files.first?["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        #expect(!rules.contains("schema.violation"), "\(rules)")
        #expect(!rules.contains("schema.unavailable"), "\(rules)")
    }
}
