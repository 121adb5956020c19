import CustomsCore
import CustomsRules
import CustomsTestSupport
import Foundation
import Testing

@Suite struct RuleConfigurationTests {
    let defective = declaration {
        $0.lodgedOn = "2023-05-10"
        $0.containers = ["MSKU1234560"]
        $0.goodsItems = [item { $0.hsCode = "854140"; $0.quantity = 3; $0.unitPrice = decimal("12.5"); $0.value = 40 }]
    }

    @Test func aRulesFileDisablesARuleAndOverridesASeverity() throws {
        let file = try TestPaths.scratch().appendingPathComponent("rules.json")
        try Data("""
            {
              "rules": {
                "value.line-total": { "enabled": false },
                "container.check-digit": { "severity": "warning" }
              }
            }
            """.utf8).write(to: file)
        let configuration = try RuleConfigurationFile.load(file.path)
        let standard = RuleSet.standard.check(defective, codeLists: codeLists)
        #expect(Set(standard.map(\.rule)) == ["code.hs", "container.check-digit", "value.line-total"])
        let configured = RuleSet.standard.check(defective, codeLists: codeLists, configuration: configuration)
        #expect(Set(configured.map(\.rule)) == ["code.hs", "container.check-digit"])
        #expect(configured.first { $0.rule == "container.check-digit" }?.severity == .warning)
        #expect(configured.first { $0.rule == "code.hs" }?.severity == .error)
    }

    @Test func aLayerCanBeDisabledAndOneOfItsRulesKept() throws {
        let configuration = try RuleConfigurationFile.parse("""
            {"layers": {"code-lists": {"enabled": false}}, "rules": {"container.check-digit": {"enabled": true}}}
            """)
        let found = RuleSet.standard.check(defective, codeLists: codeLists, configuration: configuration)
        #expect(Set(found.map(\.rule)) == ["container.check-digit", "value.line-total"])
    }

    @Test func tolerancesAreReadExactly() throws {
        let configuration = try RuleConfigurationFile.parse(#"{"tolerances": {"mass": "1.5%", "amount": 0.01, "lineTotal": "0.001"}}"#)
        #expect(configuration.tolerances.mass == decimal("0.015"))
        #expect(configuration.tolerances.amount == decimal("0.01"))
        #expect(configuration.tolerances.lineTotal == decimal("0.001"))
        #expect(configuration.tolerances.count == 0)
    }

    @Test(arguments: [
        ("{\"rules\": {\"code.nonsense\": {\"enabled\": false}}}", "unknown rule code \"code.nonsense\""),
        ("{\"rules\": {\"code.hs\": {\"severity\": \"fatal\"}}}", "\"fatal\" is not error, warning or info"),
        ("{\"layers\": {\"semantics\": {\"enabled\": false}}}", "unknown layer \"semantics\""),
        ("{\"tolerances\": {\"mass\": \"half a percent\"}}", "is not a plain decimal number"),
        ("{\"tolerances\": {\"mass\": 2}}", "less than 1"),
        ("{\"rule\": {}}", "unknown member \"rule\""),
        ("{\"rules\": {", "not valid JSON"),
    ])
    func invalidFilesAreRefusedWithAClearMessage(_ text: String, _ expected: String) {
        #expect {
            try RuleConfigurationFile.parse(text)
        } throws: { error in
            String(describing: error).contains(expected)
        }
    }

    @Test func theDocumentedDefaultIsTheBuiltInDefault() throws {
        let documented = try RuleConfigurationFile.load(TestPaths.schemas.appendingPathComponent("rules-default.json").path)
        for rule in RuleCatalogue.all {
            #expect(documented.isEnabled(rule.code) == RuleConfiguration.standard.isEnabled(rule.code), "\(rule.code)")
            #expect(documented.severity(of: rule.code) == rule.severity, "\(rule.code)")
        }
        #expect(documented.tolerances == RuleConfiguration.standard.tolerances)
        #expect(documented.tolerances.mass == decimal("0.005"))
    }

    @Test func everyRuleReportsOnlyCatalogueCodes() {
        for rule in RuleSet.standard.rules {
            #expect(rule.reports.count == rule.codes.count, "\(type(of: rule))")
            #expect(!rule.source.isEmpty)
        }
        #expect(RuleCatalogue.descriptor("party.id-check")?.layer == .codeLists)
    }
}
