@testable import CustomsFormats
import Foundation
import Testing

/// Records read ahead on a thread of their own are the reader's records, in order, with its
/// error where it stopped; a consumer that stops early lets the reading thread end.
@Suite struct CSVRecordReadAheadTests {
    /// A temporary file of `text`, removed by the caller.
    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("read-ahead-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func reader(_ path: String) throws -> CSVRecordReader {
        CSVRecordReader(source: try CSVByteSource(path: path, encoding: nil, skip: 0), delimiter: 0x2C)
    }

    /// Many batches' worth of rows with quoted line breaks and doubled quotes, CRLF, LF and CR ends.
    static func rows(_ count: Int) -> String {
        let endings = ["\n", "\r\n", "\r"]
        var text = ""
        for index in 0..<count {
            let row: String = "\(index),\"line\nbreak \"\"\(index)\"\"\",plain \(index % 7)"
            text += row
            text += endings[index % 3]
            if index % 97 == 0 { text += "\n" }
        }
        return text
    }

    @Test func theSameRecordsInTheSameOrder() throws {
        // Several times the records the pipe holds.
        let path = try Self.file(Self.rows(6001))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var direct = try Self.reader(path)
        var expected: [(Int, [String])] = []
        while let record = try direct.next() { expected.append((record.row, record.fields)) }
        let ahead = CSVRecordReadAhead(try Self.reader(path))
        var read: [(Int, [String])] = []
        while let record = try ahead.next() { read.append((record.row, record.fields)) }
        #expect(read.count == expected.count)
        #expect(read.map(\.0) == expected.map(\.0))
        #expect(read.map(\.1) == expected.map(\.1))
        #expect(read.count > 2 * CSVRecordReadAhead.batchSize * CSVRecordReadAhead.capacity)
        #expect(read.last?.1 == ["6000", "line\nbreak \"6000\"", "plain 1"])
        #expect(try ahead.next() == nil)
    }

    @Test func theErrorComesAfterTheRecordsBeforeIt() throws {
        let path = try Self.file(Self.rows(3000) + "3000,\"never closed,x\n3001,a,b\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        func readAll(_ next: () throws -> CSVRecord?) -> (rows: [Int], error: CSVStructureError?) {
            var rows: [Int] = []
            do {
                while let record = try next() { rows.append(record.row) }
            } catch {
                return (rows, error as? CSVStructureError)
            }
            return (rows, nil)
        }
        var direct = try Self.reader(path)
        let expected = readAll { try direct.next() }
        let ahead = CSVRecordReadAhead(try Self.reader(path))
        let read = readAll { try ahead.next() }
        #expect(read.rows == expected.rows)
        #expect(read.rows.count == 3000)
        #expect(read.error?.row == expected.error?.row)
        #expect(read.error?.row == read.rows.last.map { $0 + 1 })
        #expect(read.error?.message == "the quote opened in field 2 of row \(read.rows.last! + 1) is never closed; the rest of the file was not read")
    }

    @Test func aConsumerThatStopsEarlyLetsTheReadingThreadEnd() throws {
        let path = try Self.file(Self.rows(20 * CSVRecordReadAhead.batchSize * CSVRecordReadAhead.capacity))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var ahead: CSVRecordReadAhead? = CSVRecordReadAhead(try Self.reader(path))
        #expect(try ahead?.next()?.fields == ["0", "line\nbreak \"0\"", "plain 0"])
        // Returns only once the reading thread, blocked on the full pipe, has stopped.
        ahead = nil
        #expect(ahead == nil)
    }

    @Test func batchedRecordsReadAsTheRecordsReadOneByOne() throws {
        // Quoted fields with doubled quotes, trimmed spaces and no-break spaces, a blank line, and
        // a last record with no line end (read byte by byte).
        let path = try Self.file("a,\"b, \"\"c\"\"\",  d  ,\n\nx,,\"\",Ürümqi\u{00A0}\na,\"b, \"\"c\"\"\",  d  ,\ntail,\"q\"\"x\"")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = try Self.reader(path)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        var batched = try Self.reader(path)
        var batch = CSVRecordBatch()
        while try batched.next(appendingTo: &batch) {}
        #expect(batch.count == records.count)
        let packed = batch.take()
        #expect(batch.count == 0)
        #expect(packed.map(\.fields) == [["a", "b, \"c\"", "d", ""], ["x", "", "", "Ürümqi"], ["a", "b, \"c\"", "d", ""], ["tail", "q\"x"]])
        #expect(packed.map(\.fields) == records.map(\.fields))
        #expect(packed.map(\.row) == [1, 3, 4, 5])
        #expect(packed.map(\.byteCount) == records.map(\.byteCount))
        // Records read one by one, written into a batch.
        for record in records { batch.append(record) }
        let copied = batch.take()
        #expect(copied.map(\.fields) == records.map(\.fields))
        #expect(copied.map(\.row) == records.map(\.row))
        // Compared with one another and with records of their own, field by field and by runs.
        #expect(packed[0].same(1, as: packed[2], 1))
        #expect(packed[0].same(1, as: records[2], 1))
        #expect(copied[0].same(1, as: packed[2], 1))
        #expect(!packed[0].same(0, as: packed[1], 0))
        #expect(packed[0].sameRun(0, 3, as: packed[2]))
        #expect(records[0].sameRun(0, 3, as: packed[2]))
        #expect(copied[2].sameRun(0, 3, as: packed[0]))
        #expect(!packed[0].sameRun(0, 1, as: packed[1]))
        #expect(packed[1].withBytes(3) { Array($0) } == Array("Ürümqi".utf8))
        #expect(packed[1].isEmpty(1) && packed[1].isEmpty(2))
        #expect(packed[1].equals(0, "x"))
        #expect(batch.take().isEmpty)
    }
}
