import CustomsCore
import CustomsFormats
import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

/// A binary file's `format.unknown` says what it is and what to do with it.
@Suite struct BinaryKindTests {
    @Test func aWorkbookIsToldToBeSavedAsCSV() throws {
        let path = TestPaths.fixture("csv/manifest-saved-as-excel-workbook.xlsx")
        let result = FileProcessor(configuration: try PipelineConfiguration.load()).process(path)
        #expect(result.findings.map(\.rule) == ["format.unknown"])
        #expect(result.findings.first?.message == "the file is an Excel workbook, not a declaration in XML or CSV; save the sheet as CSV (File → Save As → CSV UTF-8) and validate that file")
        // Renamed: the workbook is still recognized by its entries.
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(BinaryKind.of(bytes, path: "/inbox/upload-7.bin") == .excelWorkbook)
    }

    @Test func otherMagicNumbers() {
        let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]
        #expect(BinaryKind.of(ole2, path: "Manifest.XLS") == .excelWorkbook)
        #expect(BinaryKind.of(ole2, path: "report.doc") == .unknown)
        #expect(BinaryKind.of([0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0], path: "batch.zip") == .zipArchive)
        #expect(BinaryKind.of(Array("%PDF-1.7\n".utf8), path: "ДТ-scan.pdf") == .pdf)
        #expect(BinaryKind.of([0x1F, 0x8B, 0x08, 0], path: "cbd.xml.gz") == .gzip)
        #expect(BinaryKind.of([0, 1, 2, 3], path: "x") == .unknown)
        #expect(BinaryKind.unknown.message == "the file is binary data, not a declaration in XML or CSV")
    }
}
