import CustomsCore
import CustomsFormats
import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

@Suite("China DecMessage (cn-dec)")
struct ChinaDecTests {
    @Test("Export declaration: 4 items of 850450, USD, pieces; totals and parties as filed")
    func exportDeclaration() throws {
        let result = try harmonized(TestPaths.corpus("cn-dec/Dec201802011651490001.xml"))
        #expect(result.format == "cn-dec")
        try #require(result.declarations.count == 1)
        let declaration = result.declarations[0]
        #expect(declaration.id == "201802011651490001")
        #expect(declaration.messageType == "DecMessage")
        #expect(declaration.declaringCountry == "CN")
        #expect(declaration.direction == .export)
        #expect(declaration.procedure == "0615")
        #expect(declaration.customsOffice == "5317")
        #expect(declaration.lodgedOn == "2018-02-01")
        #expect(declaration.lodgedAt == nil)
        #expect(declaration.transportMode == nil)
        #expect(declaration.asFiled["TrafMode"] == "W")
        #expect(declaration.incoterm == "FOB")
        #expect(declaration.asFiled["TransMode"] == "3")
        #expect(declaration.totals?.grossMassKg == decimal("762.1"))
        #expect(declaration.totals?.netMassKg == decimal("652.83"))
        #expect(declaration.totals?.packages == 79)
        #expect(declaration.exporter == Party(name: "样例电子（深圳）有限公司", id: "91440300MA5EXAMP2J", country: "CN"))
        #expect(declaration.declarant == Party(name: "示例物流科技有限公司", id: "91440300MA5EXAMP3M"))
        #expect(declaration.importer == nil)
        #expect(declaration.asFiled["OwnerName"] == "样例电子（深圳）有限公司")
        #expect(declaration.asFiled["CopName"] == "示例供应链服务有限公司")
        #expect(declaration.goodsItems.count == 4)
        for (index, item) in declaration.goodsItems.enumerated() {
            #expect(item.sequence == index + 1)
            #expect(item.hsCode == "850450")
            #expect(item.nationalCode == "8504500000")
            #expect(item.currency == "USD")
            #expect(item.asFiled["TradeCurr"] == "502")
            #expect(item.unit == "H87")
            #expect(item.asFiled["GUnit"] == "007")
            #expect(item.originCountry == "CN")
        }
        #expect(declaration.goodsItems[0].quantity == 17600)
        #expect(declaration.goodsItems[0].unitPrice == decimal("0.0414"))
        #expect(declaration.goodsItems[0].value == decimal("729.34"))
        #expect(!result.findings.contains { $0.severity == .error })
    }

    @Test("Import declaration: origin MO from 121, gross 1080 kg, empty CodeTS is field.missing at its line")
    func importDeclaration() throws {
        let result = try harmonized(TestPaths.corpus("cn-dec/Dec20171231120400950020180206193553.xml"))
        try #require(result.declarations.count == 1)
        let declaration = result.declarations[0]
        #expect(declaration.direction == .import)
        #expect(declaration.totals?.grossMassKg == 1080)
        #expect(declaration.totals?.netMassKg == decimal("1007.12"))
        #expect(declaration.lodgedOn == "2017-12-31")
        #expect(declaration.importer?.name == "样例精密电子（深圳）有限公司")
        #expect(declaration.importer?.country == "CN")
        #expect(declaration.incoterm == "CIF")
        let item = try #require(declaration.goodsItems.first)
        #expect(item.originCountry == "MO")
        #expect(item.asFiled["OriginCountry"] == "121")
        #expect(item.unit == "KGM")
        #expect(item.nationalCode == nil)
        #expect(item.hsCode == nil)
        let missing = result.findings.filter { $0.rule == "field.missing" && $0.field == "goodsItems[0].nationalCode" }
        #expect(missing.count == 1)
        #expect(missing.first?.line == 73)
        #expect(missing.first?.message.contains("CodeTS") == true)
        // No EntryId, PreEntryId or ClientSeqNo: no id, and the key falls back to the file hash.
        #expect(declaration.id == nil)
        #expect(result.findings.contains { $0.rule == "field.missing" && $0.field == "id" })
        #expect(declaration.key.hasSuffix("#1"))
    }

    @Test("Single-window envelope without namespace: one declaration with its 20 goods items")
    func envelope() throws {
        let result = try harmonized(TestPaths.corpus("cn-dec/Dec201801181647076926.xml"))
        #expect(result.format == "cn-dec")
        try #require(result.declarations.count == 1)
        let declaration = result.declarations[0]
        #expect(declaration.goodsItems.count == 20)
        #expect(declaration.goodsItems.map(\.sequence) == Array(1...20))
        #expect(declaration.direction == .export)
        #expect(declaration.containers == ["666666", "555555", "444444"])
        // Known defects: every CodeTS empty and PDate empty.
        #expect(result.findings.filter { $0.rule == "field.missing" && $0.field?.hasSuffix(".nationalCode") == true }.count == 20)
        #expect(result.findings.contains { $0.rule == "field.missing" && $0.field == "lodgedOn" && $0.line == 69 })
    }

    @Test("The rail export sample through Alashankou harmonizes without error findings")
    func railSample() throws {
        let result = try harmonized(TestPaths.sample("cn-dec-export-alashankou-rail.xml"))
        #expect(result.findings.filter { $0.severity >= .warning }.isEmpty, "\(result.findings.map(\.message))")
        let declaration = try #require(result.declarations.first)
        #expect(declaration.direction == .export)
        #expect(declaration.transportMode == .rail)
        #expect(declaration.containers == ["TGHU8834218"])
        #expect(declaration.lodgedAt?.rfc3339 == "2025-03-10T14:35:12+08:00")
        #expect(declaration.lodgedOn == "2025-03-10")
        #expect(declaration.importer?.name == "KAZ EXAMPLE TRADE LLP")
        let items = declaration.goodsItems
        #expect(items.map(\.hsCode) == ["401110", "401120"])
        #expect(USCC.isValid(declaration.exporter?.id ?? ""))
        #expect(USCC.isValid(declaration.declarant?.id ?? ""))
    }

    @Test("USCC check character (GB 32100-2015)")
    func usccCheck() {
        #expect(USCC.isValid("91440300MA5EXAMP2J"))
        #expect(USCC.isValid("91350100M000100Y43"))
        #expect(!USCC.isValid("91440300MA5EXAMP2K"))
        #expect(!USCC.isValid("91440300MA5EXAMPS2"))
        #expect(USCC.checkCharacter("91650100MA7XEXMP1X") == "Y")
    }
}
