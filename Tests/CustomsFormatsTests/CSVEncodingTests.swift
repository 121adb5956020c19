import CustomsCore
import CustomsFormats
import CustomsPipeline
import Foundation
import Testing

/// Encodings: detection from the bytes, the `--encoding` override, and what cannot be decided.
@Suite struct CSVEncodingTests {
    @Test func windows1251IsDetected() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: CSVFixture.path("russian-excel-cp1251-semicolon-decimal-comma.csv"))))
        guard case let .decided(encoding) = CSVEncodingDetector.detect(bytes) else { Issue.record("undecided"); return }
        #expect(encoding.name == "WINDOWS-1251")
        #expect(encoding.confidence >= 0.9)
    }

    @Test func gbkIsDetectedAsGB18030() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: CSVFixture.path("chinese-excel-gbk.csv"))))
        guard case let .decided(encoding) = CSVEncodingDetector.detect(bytes) else { Issue.record("undecided"); return }
        #expect(encoding.name == "GB18030")
    }

    @Test func utf16WithByteOrderMark() {
        let result = CSVFixture.process("utf16-with-bom.csv")
        #expect(result.problems.isEmpty)
        #expect(result.declarations.first?.id == "D-16")
        #expect(result.declarations.first?.goodsItems.first?.description == "Чай зелёный 茶")
        #expect(result.declarations.first?.goodsItems.first?.grossMassKg == Decimal("12.5"))
    }

    @Test func undecidableBytesAreEncodingUnsupportedWithAHint() {
        let result = CSVFixture.process("undecidable-encoding-mac-roman.csv")
        let finding = result.findings("encoding.unsupported").first
        #expect(finding?.message.contains("--encoding windows-1251") == true)
        #expect(result.declarations.isEmpty)
    }

    @Test func encodingOverrideIsObeyed() {
        // Forced to windows-1251, the GBK bytes read as Cyrillic letters: the override wins.
        let forced = CSVFixture.process("chinese-excel-gbk.csv", encoding: "windows-1251")
        #expect(forced.declarations.isEmpty)
        let right = CSVFixture.process("russian-excel-cp1251-semicolon-decimal-comma.csv", encoding: "cp1251")
        #expect(right.declarations.count == 2)
        let unknown = CSVFixture.process("utf8-bom.csv", encoding: "ebcdic")
        #expect(unknown.findings("encoding.unsupported").count == 1)
    }

    @Test func oneInvalidByteInUTF8IsEncodingInvalidOnItsRow() {
        let result = CSVFixture.process("utf8-with-one-invalid-byte.csv")
        let invalid = result.findings("encoding.invalid")
        #expect(invalid.count == 1)
        #expect(invalid.first?.row == 7)
        #expect(invalid.first?.column == .name("description"))
        #expect(result.declarations.map(\.id) == ["D1", "D2", "D3", "D4", "D5", "D7"])
        #expect(result.declarations.last?.goodsItems.first?.description == "Кофе")
    }
}
