import CustomsCore
import CustomsFormats
import CustomsPipeline
import Foundation
import Testing

/// The 18-column manifest saved by Russian-locale and Chinese-locale Excel harmonizes to the
/// same JSON as its UTF-8, plain-header twin, apart from `source` and `asFiled`.
@Suite struct CSVTwinTests {
    static func json(_ name: String) -> JSONValue {
        let result = CSVFixture.process(name)
        let renderer = DeclarationJSON(maskPersonalData: false)
        return strip(.array(result.declarations.map(renderer.json)))
    }

    static func strip(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .array(values): .array(values.map(strip))
        case let .object(members): .object(members.filter { $0.0 != "source" && $0.0 != "asFiled" }.map { ($0.0, strip($0.1)) })
        default: value
        }
    }

    @Test func russianExcelMatchesItsPlainTwin() {
        let excel = CSVFixture.process("russian-excel-cp1251-semicolon-decimal-comma.csv")
        #expect(excel.problems.isEmpty)
        #expect(excel.declarations.count == 2)
        #expect(excel.declarations.first?.goodsItems.first?.grossMassKg == Decimal("1250.5"))
        #expect(excel.declarations.first?.goodsItems.last?.description == "Ноутбуки; модель \"X14\"")
        #expect(excel.declarations.first?.asFiled["Направление"] == "ИМ")
        #expect(CSVFixture.process("russian-manifest-plain-utf8-twin.csv").problems.isEmpty)
        let twin = Self.json("russian-manifest-plain-utf8-twin.csv")
        #expect(Self.json("russian-excel-cp1251-semicolon-decimal-comma.csv") == twin)
    }

    @Test func chineseExcelMatchesItsPlainTwin() {
        let excel = CSVFixture.process("chinese-excel-gbk.csv")
        #expect(excel.problems.isEmpty)
        #expect(excel.declarations.count == 2)
        #expect(excel.declarations.first?.exporter?.name == "乌鲁木齐贸易有限公司")
        #expect(excel.declarations.first?.goodsItems.first?.currency == "USD")
        #expect(excel.declarations.first?.goodsItems.first?.asFiled["币制"] == "502")
        #expect(CSVFixture.process("chinese-manifest-plain-utf8-twin.csv").problems.isEmpty)
        let twin = Self.json("chinese-manifest-plain-utf8-twin.csv")
        #expect(Self.json("chinese-excel-gbk.csv") == twin)
    }
}
