import CustomsCore
import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

/// One fixture per mapping table and defect, under `Tests/Fixtures/china/`.
@Suite("China code mapping tables")
struct ChinaCodeMappingTests {
    func read(_ name: String) throws -> (Declaration, [Finding]) {
        let result = try harmonized(TestPaths.fixture("china/" + name))
        let declaration = try #require(result.declarations.first)
        return (declaration, result.findings)
    }

    @Test("Unit with a multiplier: 5 × 043 (hundreds) is 500 H87; the raw quantity stays in asFiled")
    func unitMultiplier() throws {
        let (declaration, findings) = try read("dec-unit-043-hundreds.xml")
        let item = try #require(declaration.goodsItems.first)
        #expect(item.unit == "H87")
        #expect(item.quantity == 500)
        #expect(item.asFiled["GUnit"] == "043")
        #expect(item.asFiled["GQty"] == "5")
        // Known codes of the other tables on the same file.
        #expect(item.currency == "USD")
        #expect(item.originCountry == "CN")
        #expect(declaration.transportMode == .rail)
        #expect(declaration.incoterm == "FOB")
        #expect(findings.isEmpty)
    }

    @Test("Unknown codes give their code.* finding and leave the field absent", arguments: [
        ("dec-country-999-unknown.xml", "code.country", "goodsItems[0].originCountry"),
        ("dec-currency-999-unknown.xml", "code.currency", "goodsItems[0].currency"),
        ("dec-unit-999-unknown.xml", "code.unit", "goodsItems[0].unit"),
        ("dec-trafmode-Q-unknown.xml", "code.transport-mode", "transportMode"),
        ("dec-ieflag-X-unknown.xml", "code.direction", "direction"),
        ("dec-transmode-9-unknown.xml", "field.invalid", "incoterm"),
        ("dec-uscc-wrong-check-character.xml", "party.id-check", "exporter.id"),
    ])
    func unknownCode(fixture: String, rule: String, field: String) throws {
        let (declaration, findings) = try read(fixture)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.rule == rule)
        #expect(finding.field == field)
        #expect(finding.line != nil)
        #expect(finding.message.contains("'999'") || finding.message.contains("'Q'") || finding.message.contains("'X'")
            || finding.message.contains("'9'") || finding.message.contains("91650100MA7XEXMP1X"))
        let item = declaration.goodsItems.first
        switch rule {
        case "code.country": #expect(item?.originCountry == nil)
        case "code.currency": #expect(item?.currency == nil)
        case "code.unit": #expect(item?.unit == nil && item?.quantity == nil && item?.asFiled["GQty"] == "500")
        case "code.transport-mode": #expect(declaration.transportMode == nil && declaration.asFiled["TrafMode"] == "Q")
        case "code.direction": #expect(declaration.direction == nil)
        default: break
        }
        if field == "incoterm" { #expect(declaration.incoterm == nil && declaration.asFiled["TransMode"] == "9") }
    }

    @Test("Codes that exist but have no international counterpart are omitted without a finding", arguments: [
        "dec-trafmode-Y-bonded-zone.xml", "dec-transmode-5-market-price.xml",
    ])
    func noCounterpart(fixture: String) throws {
        let (declaration, findings) = try read(fixture)
        #expect(findings.isEmpty)
        if fixture.contains("trafmode") {
            #expect(declaration.transportMode == nil)
            #expect(declaration.asFiled["TrafMode"] == "Y")
        } else {
            #expect(declaration.incoterm == nil)
            #expect(declaration.asFiled["TransMode"] == "5")
        }
    }
}
