import CustomsCore
import CustomsRules
import Testing

@Suite struct CodeListRuleTests {
    @Test func countryCodesMustBeISOAlpha2() {
        let bad = declaration {
            $0.declaringCountry = "KZ"
            $0.exporter = Party(name: "Seller", country: "XX")
            $0.goodsItems = [item(line: 41) { $0.originCountry = "CHN" }]
        }
        let found = findings(CountryCodeRule(), bad)
        #expect(found.map(\.field) == ["exporter.country", "goodsItems[0].originCountry"])
        #expect(found[0].message.contains("'XX'") && found[0].message.contains("ISO 3166-1 alpha-2"))
        #expect(found[1].line == 41)
        #expect(found[0].line == 3 && found[0].declaration == "D1" && found[0].severity == .error)
        let good = declaration { $0.declaringCountry = "CN"; $0.goodsItems = [item { $0.originCountry = "KZ" }] }
        #expect(findings(CountryCodeRule(), good).isEmpty)
    }

    @Test func currencyCodesMustBeISO4217InUse() {
        let bad = declaration {
            $0.invoice = Invoice(currency: "RUR")
            $0.goodsItems = [item { $0.currency = "usd" }]
        }
        let found = findings(CurrencyCodeRule(), bad)
        #expect(found.map(\.field) == ["invoice.currency", "goodsItems[0].currency"])
        #expect(found[0].message.contains("'RUR'"))
        let good = declaration { $0.invoice = Invoice(currency: "KZT"); $0.goodsItems = [item { $0.currency = "CNY" }] }
        #expect(findings(CurrencyCodeRule(), good).isEmpty)
    }

    @Test func unitsMustBeRec20() {
        let bad = declaration { $0.goodsItems = [item { $0.unit = "KGM" }, item(line: 30) { $0.unit = "KG" }] }
        let found = findings(UnitCodeRule(), bad)
        #expect(found.count == 1)
        #expect(found.first?.field == "goodsItems[1].unit")
        #expect(found.first?.message.contains("'KG'") == true && found.first?.line == 30)
        let good = declaration { $0.goodsItems = ["KGM", "GRM", "TNE", "H87", "PR", "SET", "LTR", "MTQ", "MTR", "MTK", "CMQ"].map { unit in item { $0.unit = unit } } }
        #expect(findings(UnitCodeRule(), good).isEmpty)
    }

    @Test func everyNationalUnitMapsToALoadedRec20Code() {
        for system in [CodeSystem.china, .eaeu] {
            for code in (0...999).map({ String(repeating: "0", count: 3 - String($0).count) + String($0) }) {
                if case let .found(mapping) = codeLists.unit(code, in: system) {
                    #expect(codeLists.rec20Units[mapping.rec20] != nil, "\(system) \(code) → \(mapping.rec20)")
                }
            }
        }
    }

    @Test func transportModeKeptAsFiledMustBeInItsTable() {
        let bad = declaration(format: "cn-dec") { $0.asFiled = AsFiled([("TrafMode", "Q")]) }
        let found = findings(TransportModeCodeRule(), bad)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("TrafMode 'Q'") == true && found.first?.message.contains("China customs") == true)
        // A code that is in the table but no mode of transport (a bonded movement) is fine.
        let bonded = declaration(format: "cn-dec") { $0.asFiled = AsFiled([("TrafMode", "7")]) }
        #expect(findings(TransportModeCodeRule(), bonded).isEmpty)
        let mapped = declaration(format: "cn-dec") { $0.transportMode = .rail; $0.asFiled = AsFiled([("TrafMode", "3")]) }
        #expect(findings(TransportModeCodeRule(), mapped).isEmpty)
    }

    @Test func directionKeptAsFiledMustBeAFlag() {
        let bad = declaration(format: "cn-ceb") { $0.asFiled = AsFiled([("ieFlag", "a")]) }
        let found = findings(DirectionCodeRule(), bad)
        #expect(found.count == 1)
        #expect(found.first?.field == "direction")
        #expect(found.first?.message == "direction: ieFlag 'a' is not a direction flag; expected I (import) or E (export)")
        let good = declaration(format: "eaeu-esad") { $0.asFiled = AsFiled([("CustomsProcedure", "ТТ")]) }
        #expect(findings(DirectionCodeRule(), good).isEmpty)
    }

    @Test func chineseUSCCCheckCharacter() {
        // 91350100M000100Y43 is a well-formed USCC (check character 3).
        #expect(USCC.check("91350100M000100Y43") == .valid)
        #expect(USCC.check("91350100M000100Y44") == .wrongCheckCharacter(found: "4", expected: "3"))
        let bad = declaration(format: "cn-dec") {
            $0.exporter = Party(name: "Exporter", id: "91350100M000100Y44", country: "CN")
            $0.importer = Party(name: "Buyer KZ", id: "91350100M000100Y44", country: "KZ")
        }
        let found = findings(PartyIDCheckRule(), bad)
        #expect(found.count == 1)
        #expect(found.first?.field == "exporter.id")
        #expect(found.first?.message.contains("expected 3") == true)
        #expect(found.first?.severity == .warning)
        let good = declaration(format: "cn-dec") {
            $0.exporter = Party(id: "91350100M000100Y43")
            $0.declarant = Party(id: "3301961234")  // 10-digit customs code: not a USCC
            $0.importer = Party(id: "11010519491231002X")  // a resident identity number: a person, not a USCC
        }
        #expect(findings(PartyIDCheckRule(), good).isEmpty)
    }
}
