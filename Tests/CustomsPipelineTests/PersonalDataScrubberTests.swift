import CustomsCore
@testable import CustomsPipeline
import Testing

/// The personal values of a file are those `asFiled` lists under a personal name (its `#n`
/// repetitions too) with four characters or more, on the header and on every goods item, and
/// every finding that quotes one has it masked, the longest first.
@Suite struct PersonalDataScrubberTests {
    private static func declaration() -> Declaration {
        var declaration = Declaration(sourceFormat: "cn-ceb", source: SourceLocation(file: "a.xml", line: 1))
        declaration.personalData = ["buyerIdNumber", "buyerTelephone", "consigneeAddress", "buyerName"]
        declaration.asFiled = AsFiled([
            ("ieFlag", "I"), ("buyerIdNumber", "130681136250023332"), ("buyerTelephone", "13256253633"),
            ("buyerIdNumber", "110101199001011234"), ("buyerName", "李小宝"), ("buyerName", "李小宝宝"),
            ("consigneeAddress", "北京市海淀区中关村软件园"), ("buyerTelephone", "\r\n12"), ("trafMode", "0"),
        ])
        var item = GoodsItem()
        item.asFiled = AsFiled([("country", "116"), ("buyerTelephone", "13900000000"), ("unit", "007")])
        declaration.goodsItems = [GoodsItem(), item]
        return declaration
    }

    @Test func valuesUnderPersonalNamesAndTheirRepetitionsAreGathered() {
        var values = Set<String>()
        PersonalDataScrubber.gather(from: Self.declaration(), into: &values)
        // 李小宝 and "\r\n12" have three characters: kept out, as "0" and the other codes.
        #expect(values == ["130681136250023332", "13256253633", "110101199001011234", "李小宝宝", "北京市海淀区中关村软件园", "13900000000"])
        var none = Set<String>()
        var withoutPersonalNames = Self.declaration()
        withoutPersonalNames.personalData = []
        PersonalDataScrubber.gather(from: withoutPersonalNames, into: &none)
        #expect(none.isEmpty)
    }

    @Test func findingsQuotingAValueHaveItMasked() {
        var values = Set<String>()
        PersonalDataScrubber.gather(from: Self.declaration(), into: &values)
        var result = FileResult(file: "a.xml")
        result.findings = [
            Finding(rule: "xml.schema", message: "The value '130681136250023332' is not accepted", file: "a.xml"),
            Finding(rule: "code.hs-edition", message: "lodged 2016-03-15, before HS 2017", file: "a.xml"),
            Finding(rule: "field.invalid", message: "李小宝宝 at 北京市海淀区中关村软件园", file: "a.xml"),
        ]
        PersonalDataScrubber.scrub(&result, values: values)
        #expect(result.findings.map(\.message) == [
            "The value '****************32' is not accepted", "lodged 2016-03-15, before HS 2017", "**** at **********件园",
        ])
    }
}
