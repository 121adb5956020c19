import CustomsCore
import CustomsRules
import Testing

@Suite struct ContainerCheckDigitRuleTests {
    @Test(arguments: ["MSKU1234565", "CSQU3054383", "CONU1234562"])
    func validContainerNumbers(_ id: String) {
        #expect(ISO6346.check(id) == .valid)
        #expect(findings(ContainerCheckDigitRule(), declaration { $0.containers = [id] }).isEmpty)
    }

    @Test func wrongCheckDigitNamesTheExpectedDigit() {
        let found = findings(ContainerCheckDigitRule(), declaration { $0.containers = ["CSQU3054383", "MSKU1234560", "CONU1234567"] })
        #expect(found.map(\.field) == ["containers[1]", "containers[2]"])
        #expect(found[0].message == "containers[1] MSKU1234560 fails the ISO 6346 check digit: found 0, expected 5 (MSKU1234565)")
        #expect(found[1].message.contains("expected 2"))
        #expect(found[0].line == 3 && found[0].declaration == "D1")
    }

    @Test func placeholderIsNotISO6346() {
        let found = findings(ContainerCheckDigitRule(), declaration { $0.containers = ["666666", "MSKU123456"] })
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.rule == "container.check-digit" })
        #expect(found[0].message.contains("'666666' is not an ISO 6346 container number"))
        #expect(found[1].message.contains("lacks its ISO 6346 check digit: expected MSKU1234565"))
    }
}
