import CustomsCore
import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

@Suite("EAEU ESADout_CU")
struct EAEUTests {
    @Test("esad-transit-kz-1: a used car in transit from Verkhny Lars (RU) to a Kazakh office")
    func bareTransitDeclaration() throws {
        let result = try harmonized(TestPaths.corpus("eaeu/esad-transit-kz-1.xml"))
        #expect(result.format == "eaeu-esad")
        let declaration = try #require(result.declarations.first)
        #expect(result.declarations.count == 1)
        #expect(declaration.sourceFormat == "eaeu-esad")
        #expect(declaration.direction == .transit)
        #expect(declaration.declaringCountry == "RU")
        #expect(declaration.customsOffice == "10803040")
        #expect(declaration.id == "F768064F-9585-07AD-239E-ED24C2C063FE")
        #expect(declaration.lodgedAt?.rfc3339 == "2024-05-02T22:29:06+03:00")
        #expect(declaration.lodgedOn == "2024-05-02")
        #expect(declaration.events.first?.zoneAssumed == true)
        #expect(declaration.invoice?.currency == "USD")
        #expect(declaration.invoice?.amount == decimal("12158"))
        #expect(declaration.transportMode == nil)
        #expect(declaration.asFiled["TransportModeCode"] == "90")
        #expect(declaration.asFiled["PPBorderCustoms/CustomsCountryCode"] == "643")
        #expect(declaration.asFiled["DateExpectedArrival"] == "2024-05-09")
        #expect(declaration.asFiled["TimeExpectedArrival"] == "10:00:00")
        #expect(declaration.exporter?.name == "ПРИМЕРОВ ПЁТР")
        let item = try #require(declaration.goodsItems.first)
        #expect(declaration.goodsItems.count == 1)
        #expect(item.nationalCode == "8703239089")
        #expect(item.hsCode == "870323")
        #expect(item.grossMassKg == decimal("1435"))
        #expect(item.unit == "CMQ")
        #expect(item.quantity == decimal("1589"))
        #expect(result.findings.allSatisfy { $0.severity < .error })
        #expect(result.rules("timing.zone-assumed").count == 1)
    }

    @Test(
        "each ED_Container envelope → its inner declaration",
        arguments: [
            ("ed-container-esad-transit-kz-3.xml", "8703239087", "1540", "3000"),
            ("ed-container-esad-transit-kz-4.xml", "8703239087", "1600", "2000"),
        ])
    func envelopedTransitDeclaration(file: String, nationalCode: String, gross: String, invoice: String) throws {
        let result = try harmonized(TestPaths.corpus("eaeu/" + file))
        #expect(result.format == "eaeu-esad")
        #expect(result.messageType == "ESADout_CU")
        let declaration = try #require(result.declarations.first)
        #expect(result.declarations.count == 1)
        #expect(declaration.direction == .transit)
        #expect(declaration.declaringCountry == "RU")
        #expect(declaration.goodsItems.count == 1)
        #expect(declaration.goodsItems.first?.nationalCode == nationalCode)
        #expect(declaration.goodsItems.first?.hsCode == String(nationalCode.prefix(6)))
        #expect(declaration.goodsItems.first?.grossMassKg == decimal(gross))
        #expect(declaration.invoice?.currency == "USD")
        #expect(declaration.invoice?.amount == decimal(invoice))
        #expect(declaration.source.line == 5)
        #expect(result.findings.allSatisfy { $0.severity < .error })
    }

    @Test("validate --schemas eaeu-esad-5.23: the bare declarations conform to the official XSD")
    func bareDeclarationsConformToXSD() throws {
        let outcome = try CommandRunner.run([
            "validate", "--format", "json", "--schemas", TestPaths.corpus("schemas/eaeu-esad-5.23"), TestPaths.corpus("eaeu"),
        ])
        #expect(outcome.status == 0)
        let files = try jsonObject(outcome.stdout)["files"] as? [[String: Any]] ?? []
        #expect(files.count == 4)
        for name in ["esad-transit-kz-1.xml", "esad-transit-kz-2.xml"] {
            let file = try #require(files.first { ($0["file"] as? String)?.hasSuffix(name) == true })
            let rules = (file["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
            #expect(!rules.contains("schema.violation"), "\(name): \(rules)")
            #expect(!rules.contains("schema.unavailable"), "\(name): \(rules)")
        }
    }

    @Test("the import sample in windows-1251 and in UTF-8 harmonize to identical JSON apart from source and asFiled")
    func windows1251AndUTF8SamplesAgree() throws {
        let renderer = DeclarationJSON(maskPersonalData: false)
        func json(_ name: String) throws -> [String] {
            let result = try harmonized(TestPaths.sample(name))
            #expect(!result.findings.contains { $0.severity == .error })
            return result.declarations.map { declaration in
                var declaration = declaration
                declaration.source = SourceLocation(file: "")
                declaration.asFiled = AsFiled()
                for index in declaration.goodsItems.indices { declaration.goodsItems[index].asFiled = AsFiled() }
                return renderer.json(declaration).serialized()
            }
        }
        let cp1251 = try json("consignment-dostyk/eaeu-import.cp1251.xml")
        let utf8 = try json("consignment-dostyk/eaeu-import.utf8.xml")
        #expect(cp1251.count == 1)
        #expect(cp1251 == utf8)
        #expect(utf8.first?.contains("ТОО «Алатау Техника»") == true)
    }

    @Test("the import sample: ИМ 40, rail through Dostyk, Kazakh importer with its BIN")
    func importSample() throws {
        let result = try harmonized(TestPaths.sample("consignment-dostyk/eaeu-import.cp1251.xml"))
        let declaration = try #require(result.declarations.first)
        #expect(declaration.direction == .import)
        #expect(declaration.procedure == "40")
        #expect(declaration.declaringCountry == "KZ")
        #expect(declaration.lodgedAt?.rfc3339 == "2025-03-17T10:15:00+05:00")
        #expect(declaration.transportMode == .rail)
        #expect(declaration.containers == ["CSQU3054383"])
        #expect(declaration.importer == Party(name: "ТОО «Алатау Техника»", id: "180440012345", country: "KZ"))
        #expect(declaration.incoterm == "FCA")
        #expect(declaration.invoice == Invoice(currency: "USD", amount: decimal("48250")))
        #expect(declaration.goodsItems.map(\.hsCode) == ["843149", "840991"])
        #expect(declaration.goodsItems.first?.description == "КОВШИ ДЛЯ ФРОНТАЛЬНЫХ ПОГРУЗЧИКОВ, НОВЫЕ, ИЗ СТАЛИ, ЕМКОСТЬ 3 М3")
    }

    @Test("OKEI units: 796 is H87, 797 (hundred pieces) multiplies by 100, 999 is code.unit")
    func okeiUnits() throws {
        let known = try harmonized(TestPaths.sample("consignment-dostyk/eaeu-import.utf8.xml")).declarations[0].goodsItems[0]
        #expect(known.unit == "H87")
        #expect(known.quantity == decimal("24"))
        #expect(known.asFiled["MeasureUnitQualifierCode"] == "796")

        let hundreds = try harmonized(TestPaths.fixture("eaeu/unit-okei-hundred-pieces-797.xml")).declarations[0].goodsItems[0]
        #expect(hundreds.unit == "H87")
        #expect(hundreds.quantity == decimal("12500"))
        #expect(hundreds.asFiled["GoodsQuantity"] == "125")

        let unknown = try harmonized(TestPaths.fixture("eaeu/unit-okei-unknown-999.xml"))
        #expect(unknown.declarations[0].goodsItems[0].unit == nil)
        #expect(unknown.declarations[0].goodsItems[0].quantity == nil)
        let finding = try #require(unknown.rules("code.unit").first)
        #expect(finding.message.contains("'999'"))
        #expect(finding.field == "goodsItems[0].unit")
    }

    @Test("EAEU transport modes: 20 is rail, 90 (own propulsion) is no mode and stays as filed, 77 is code.transport-mode")
    func transportModes() throws {
        #expect(try harmonized(TestPaths.sample("consignment-dostyk/eaeu-import.utf8.xml")).declarations[0].transportMode == .rail)

        let ownPropulsion = try harmonized(TestPaths.corpus("eaeu/esad-transit-kz-2.xml"))
        #expect(ownPropulsion.declarations[0].transportMode == nil)
        #expect(ownPropulsion.declarations[0].asFiled["TransportModeCode"] == "90")
        #expect(ownPropulsion.rules("code.transport-mode").isEmpty)

        let unknown = try harmonized(TestPaths.fixture("eaeu/transport-mode-unknown-77.xml"))
        #expect(unknown.declarations[0].transportMode == nil)
        #expect(unknown.rules("code.transport-mode").first?.message.contains("'77'") == true)
    }

    @Test("currencies: ISO alpha USD as is, ISO numeric 398 is KZT, 001 is code.currency")
    func currencies() throws {
        let alpha = try harmonized(TestPaths.corpus("eaeu/esad-transit-kz-1.xml")).declarations[0]
        #expect(alpha.invoice?.currency == "USD")
        #expect(alpha.asFiled["ContractCurrencyCode"] == nil)

        let numeric = try harmonized(TestPaths.fixture("eaeu/currency-numeric-398.xml")).declarations[0]
        #expect(numeric.invoice?.currency == "KZT")
        #expect(numeric.asFiled["ContractCurrencyCode"] == "398")
        #expect(numeric.goodsItems[0].currency == "KZT")

        let unknown = try harmonized(TestPaths.fixture("eaeu/currency-unknown-001.xml"))
        #expect(unknown.declarations[0].invoice?.currency == nil)
        #expect(unknown.declarations[0].invoice?.amount == decimal("1200"))
        #expect(unknown.rules("code.currency").first?.message.contains("'001'") == true)
    }

    @Test(
        "bytes that are not in the declared encoding are encoding.invalid, never mojibake",
        arguments: ["eaeu/declares-utf8-but-is-windows-1251.xml", "eaeu/declares-windows-1251-but-is-utf8-kazakh.xml"])
    func encodingMismatch(fixture: String) throws {
        let result = try harmonized(TestPaths.fixture(fixture))
        #expect(result.rules("encoding.invalid").count == 1)
        #expect(result.declarations.isEmpty)
    }

    /// libxml2's "Input is not proper UTF-8, indicate encoding !" told in the user's terms,
    /// where the bytes are, and what to do.
    @Test func bytesThatAreNotUTF8AreExplained() throws {
        let result = try harmonized(TestPaths.fixture("eaeu/declares-utf8-but-is-windows-1251.xml"))
        let finding = try #require(result.rules("encoding.invalid").first)
        #expect(finding.line == 12)
        #expect(finding.message == "the bytes here (0xC8 0xCC 0x3C 0x2F) are not UTF-8, the encoding the document declares (or, without a declaration, the XML default); if it was saved as windows-1251 (Russian or Kazakh) or GBK (Chinese), its XML declaration must say so, or pass --encoding")
    }
}
