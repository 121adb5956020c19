import CustomsCore
@testable import CustomsPipeline
import Testing

/// `validate --format json` writes files in blocks on every core and each finding straight into
/// its output; the text is the pretty JSON of the report, whatever the sizes of the files.
@Suite struct BatchReportJSONTests {
    @Test("a finding written directly is its pretty JSON object", arguments: [
        Finding(rule: "code.hs-edition", message: "lodged 2016-03-15", file: "a.xml", line: 4, field: "lodgedOn", declaration: "N1"),
        Finding(rule: "csv.value", severity: .warning, message: "quote \" tab \t line\u{2028}", file: "b.csv", column: .name("Вес"), row: 7),
        Finding(rule: "xml.schema", message: "x", file: nil, line: 3, column: .number(12), counterpart: "K\u{1}"),
        Finding(rule: "mirror.value", severity: .error, message: "", declaration: "d", counterpart: "c"),
    ])
    func findingSameAsPrettyJSON(finding: Finding) {
        for indent in [0, 1, 4] {
            var direct = JSONText()
            finding.appendPrettyJSON(to: &direct, indent: indent)
            var built = JSONText()
            finding.json.appendPretty(to: &built, indent: indent)
            #expect(direct.text == built.text)
        }
    }

    @Test("files of every size, in blocks and rounds and alone: the same text as the JSON value")
    func blocksWriteTheReport() {
        // Small files fill several blocks and rounds; one file of more declarations than a
        // block, one of more findings, and one of exactly a block's worth are written in between.
        var sizes = Array(repeating: (declarations: 1, findings: 1), count: 3000)
        sizes[10] = (BatchReport.declarationsPerBlock + 5, 2)
        sizes[11] = (0, BatchReport.findingsPerPiece * 3 + 1)
        sizes[500] = (BatchReport.itemsPerBlock - 1, 0)
        sizes[2999] = (2, BatchReport.itemsPerBlock)
        let files = sizes.enumerated().map { index, size in
            var result = FileResult(file: "f\(index).xml")
            result.format = index % 7 == 0 ? nil : "cn-ceb"
            result.declarations = DeclarationList((0..<size.declarations).map { number in
                var declaration = Declaration(sourceFormat: "cn-ceb", source: SourceLocation(file: result.file))
                declaration.id = number % 3 == 0 ? nil : "N\(index)-\(number)"
                declaration.key = "K\(index)-\(number)"
                return declaration
            })
            result.findings = (0..<size.findings).map { number in
                Finding(rule: "code.hs-edition", severity: number % 2 == 0 ? .info : .error, message: "m\(number)",
                        file: result.file, line: number, declaration: "K\(index)-\(number)")
            }
            return result
        }
        let report = BatchReport(files: files, crossFindings: [Finding(rule: "mirror.value", message: "x", declaration: "a", counterpart: "b")])
        var pieces: [String] = []
        report.writeJSON { pieces.append($0.text) }
        #expect(pieces.joined() == report.json.serialized())
        #expect(pieces.count > 1)
    }
}
