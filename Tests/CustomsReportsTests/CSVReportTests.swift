import CustomsReports
import CustomsTestSupport
import Foundation
import Testing

/// The CSV report opens safely in a spreadsheet: BOM, CRLF, quoted cells, formulas defused.
@Suite struct CSVReportTests {
    @Test(arguments: ["=1+2", "+7 727", "-ТОО", "@SUM(A1)", "\tx", "\rx"])
    func aTextCellStartingLikeAFormulaGetsAnApostrophe(value: String) {
        #expect(CSVReportRenderer.text(value) == "\"'" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
    }

    @Test func otherTextIsOnlyQuoted() {
        #expect(CSVReportRenderer.text("新疆 \"天山\"") == "\"新疆 \"\"天山\"\"\"")
        #expect(CSVReportRenderer.text(nil) == "\"\"")
    }

    @Test func theFixtureOfTheDefectComesOutEscapedAndNumbersStayNumbers() throws {
        let run = try ReportRun.render([ReportRun.injectionFixture], ext: "csv", name: "csvinj")
        #expect(run.status == 0)
        let bytes = Array(run.text.utf8)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 byte order mark")
        #expect(run.text.hasSuffix("\r\n"))
        #expect(!run.text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let rows = run.text.dropFirst().components(separatedBy: "\r\n").dropLast().map(Self.cells)
        let header = try #require(rows.first)
        #expect(header == CSVReportRenderer.header)
        func column(_ name: String) -> Int { header.firstIndex(of: name) ?? 0 }
        let mass = try #require(rows.first { $0[column("rule")] == "mirror.mass" })
        #expect(mass[column("declaration")] == "'=HYPERLINK(\"https://example.invalid/x\",\"open\")")
        #expect(mass[column("counterpart")] == "'@SUM(1+1)")
        #expect(mass[column("exporter")] == "'+cmd|' /C calc'!A0 新疆天山机电")
        #expect(mass[column("importer")] == "'-ТОО «Қазақ Техника» | Алматы")
        #expect(mass[column("export_value")] == "1000")
        #expect(mass[column("counterpart_value")] == "1100")
        #expect(mass[column("relative_difference")] == "0.090909")
        #expect(mass[column("tolerance")] == "0.02")
        let unmatched = try #require(rows.first { $0[column("rule")] == "mirror.unmatched" })
        #expect(unmatched[column("declaration")] == "'-1234")
        #expect(unmatched[column("exporter")] == "'@新疆 exporter")
        #expect(unmatched[column("line")] == "93")
        // No cell of any row begins with a formula character unescaped.
        for row in rows.dropFirst() {
            for (index, cell) in row.enumerated() where ["line", "row", "export_value", "counterpart_value", "relative_difference", "tolerance"].contains(header[index]) == false {
                if let first = cell.first { #expect(!"=+-@".contains(first), "unescaped \(header[index]): \(cell)") }
            }
        }
    }

    /// Splits one CSV record whose every cell is quoted.
    static func cells(_ line: String) -> [String] {
        let characters = Array(line)
        var cells: [String] = []
        var current = ""
        var inQuotes = false
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if inQuotes {
                if character == "\"" {
                    if index + 1 < characters.count, characters[index + 1] == "\"" {
                        current.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                inQuotes = true
            } else if character == "," {
                cells.append(current)
                current = ""
            }
            index += 1
        }
        cells.append(current)
        return cells
    }
}
