@testable import CustomsFormats
import Foundation
import Testing

/// The record reader reads a record whole in its chunk in one pass and any other byte by byte:
/// both give the same fields, wherever the chunk boundaries fall.
@Suite struct CSVRecordReaderChunkTests {
    /// A reference RFC 4180 split of the whole text, with the reader's trimming.
    static func reference(_ text: [UInt8]) -> [[String]] {
        var records: [[String]] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var atStart = true
        var index = 0
        func finishField() {
            var first = 0
            var end = field.count
            while first < end, field[first] == 0x20 || field[first] == 0x09 { first += 1 }
            while end > first, field[end - 1] == 0x20 || field[end - 1] == 0x09 { end -= 1 }
            while end - first >= 2, field[first] == 0xC2, field[first + 1] == 0xA0 { first += 2 }
            while end - first >= 2, field[end - 2] == 0xC2, field[end - 1] == 0xA0 { end -= 2 }
            fields.append(String(decoding: field[first..<end], as: UTF8.self))
            field = []
            atStart = true
        }
        while index < text.count {
            let byte = text[index]
            index += 1
            if quoted {
                if byte == 0x22 {
                    if index < text.count, text[index] == 0x22 { field.append(0x22); index += 1 } else { quoted = false }
                } else {
                    field.append(byte)
                }
                continue
            }
            if atStart && byte == 0x22 { quoted = true; atStart = false; continue }
            if byte == 0x2C { finishField(); continue }
            if byte == 0x0A || byte == 0x0D {
                if byte == 0x0D, index < text.count, text[index] == 0x0A { index += 1 }
                finishField()
                if !(fields.count == 1 && fields[0].isEmpty) { records.append(fields) }
                fields = []
                continue
            }
            atStart = false
            field.append(byte)
        }
        return records
    }

    @Test func fieldsAreTheSameAcrossChunkBoundaries() throws {
        let pieces = [
            "plain", "", " spaced ", "\"quoted, with comma\"", "\"doubled \"\"quotes\"\" inside\"", "\"\"", "\"\"\"\"",
            "\"line\nbreak\"", "\"crlf\r\nbreak\"", "\u{00A0}nbsp\u{00A0}", "Ürümqi 乌鲁木齐", "\" 12.5 \"", "12345678901234567",
            "\t tab\t", "a\"b",
        ]
        var generator = SystemRandomNumberGenerator()
        var text = ""
        let endings = ["\n", "\r\n", "\r"]
        while text.utf8.count < 2 * CSVByteSource.chunkSize + 100_000 {
            let count = Int.random(in: 1...9, using: &generator)
            text += (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined(separator: ",")
            text += endings.randomElement(using: &generator)!
            if Int.random(in: 0..<50, using: &generator) == 0 { text += "\n" }
        }
        let bytes = Array(text.utf8)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chunks-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = CSVRecordReader(source: try CSVByteSource(path: path, encoding: nil, skip: 0), delimiter: 0x2C)
        var read: [[String]] = []
        while let record = try reader.next() { read.append(record.fields) }
        let expected = CSVRecordReaderChunkTests.reference(bytes)
        #expect(read.count == expected.count)
        for (index, pair) in zip(read, expected).enumerated() where pair.0 != pair.1 {
            Issue.record("record \(index): \(pair.0) != \(pair.1)")
            break
        }
    }
}
