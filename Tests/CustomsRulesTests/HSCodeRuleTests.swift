import CustomsCore
import CustomsRules
import Testing

@Suite struct HSCodeRuleTests {
    func solarCells(lodgedOn: String?) -> Declaration {
        declaration(format: "cn-ceb") {
            $0.lodgedOn = lodgedOn
            $0.goodsItems = [item { $0.hsCode = "854140"; $0.nationalCode = "8541401000" }, item { $0.hsCode = "854140" }]
        }
    }

    @Test func lodgedBeforeTheOldestEditionUsesHS2017AndSaysSo() {
        let found = findings(HSCodeRule(), solarCells(lodgedOn: "2016-03-15"))
        #expect(found.filter { $0.rule == "code.hs" }.isEmpty)
        let editions = found.filter { $0.rule == "code.hs-edition" }
        #expect(editions.count == 1)
        #expect(editions.first?.severity == .info)
        #expect(editions.first?.message.contains("HS 2017") == true)
        #expect(editions.first?.message.contains("2016-03-15") == true)
    }

    /// The notes word for word, the year read from the date's first four characters as `Int` reads them.
    @Test(arguments: [
        ("2016-03-15", "lodged 2016-03-15, before HS 2017 (in force from 2017-01-01), the oldest edition loaded; HS subheadings are checked against HS 2017"),
        ("+201-01-01", "lodged +201-01-01, before HS 2017 (in force from 2017-01-01), the oldest edition loaded; HS subheadings are checked against HS 2017"),
        ("1999", "lodged 1999, before HS 2017 (in force from 2017-01-01), the oldest edition loaded; HS subheadings are checked against HS 2017"),
        ("2016\u{301}-03-15", "the lodgement date is unknown; HS subheadings are checked against HS 2022, the newest edition loaded"),
        ("201", "lodged 201, before HS 2017 (in force from 2017-01-01), the oldest edition loaded; HS subheadings are checked against HS 2017"),
        ("20x6", "the lodgement date is unknown; HS subheadings are checked against HS 2022, the newest edition loaded"),
        (nil, "the lodgement date is unknown; HS subheadings are checked against HS 2022, the newest edition loaded"),
        ("2017-01-01", nil),
    ] as [(String?, String?)])
    func editionNotes(lodgedOn: String?, note: String?) {
        #expect(findings(HSCodeRule(), solarCells(lodgedOn: lodgedOn)).first { $0.rule == "code.hs-edition" }?.message == note)
    }

    @Test func lodgedIn2023IsCheckedAgainstHS2022() {
        let found = findings(HSCodeRule(), solarCells(lodgedOn: "2023-05-10"))
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.rule == "code.hs" && $0.severity == .error })
        #expect(found[0].message == "goodsItems[0].hsCode 854140 is not a subheading of HS 2022, in force on the lodgement date 2023-05-10 (it is a subheading of HS 2017)")
        #expect(found[0].line == 20)
    }

    @Test func lodgedIn2021IsCheckedAgainstHS2017() {
        #expect(findings(HSCodeRule(), solarCells(lodgedOn: "2021-12-31")).isEmpty)
        #expect(findings(HSCodeRule(), solarCells(lodgedOn: "2022-01-01")).count == 2)
    }

    @Test func unknownDateUsesTheNewestEdition() {
        let found = findings(HSCodeRule(), solarCells(lodgedOn: nil))
        #expect(found.filter { $0.rule == "code.hs-edition" }.count == 1)
        #expect(found.first { $0.rule == "code.hs-edition" }?.message.contains("HS 2022") == true)
        #expect(found.filter { $0.rule == "code.hs" }.count == 2)
    }

    @Test func validAndMalformedSubheadings() {
        let good = declaration { $0.lodgedOn = "2024-02-01"; $0.goodsItems = [item { $0.hsCode = "854142" }, item { $0.hsCode = "870323" }] }
        #expect(findings(HSCodeRule(), good).isEmpty)
        let short = declaration { $0.lodgedOn = "2024-02-01"; $0.goodsItems = [item { $0.hsCode = "85414" }] }
        #expect(findings(HSCodeRule(), short).first?.message == "goodsItems[0].hsCode '85414' is not a 6-digit HS subheading")
    }
}
