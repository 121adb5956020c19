@testable import CustomsPipeline
import CustomsFormats
import CustomsTestSupport
import CustomsXML
import Foundation
import Testing

/// Parsing on a second thread hands over the same records in the same order, with the same
/// outcome, as reading on one.
@Suite struct OverlappedReadingTests {
    @Test func theSameFlatRecordsInTheSameOrder() {
        let reader = XMLDocumentReader(path: TestPaths.sample("cbd-rail-consignment-altynkol.xml"))
        let adapter = CBDXMLAdapter()
        var trees: [XMLElement] = []
        let one = reader.read(role: adapter.role(for:)) { trees.append($0) }
        var direct: [XMLElement] = []
        let two = OverlappedReading.readFlat(reader, adapter: adapter, overlapped: false) { direct.append($0.element(at: 0)) }
        var overlapped: [XMLElement] = []
        let three = OverlappedReading.readFlat(reader, adapter: adapter, overlapped: true) { overlapped.append($0.element(at: 0)) }
        #expect(!trees.isEmpty)
        #expect(direct == trees)
        #expect(overlapped == trees)
        #expect(two.findings == one.findings && three.findings == one.findings)
        #expect(two.stopped == one.stopped && three.stopped == one.stopped)
        #expect(three.root == one.root)
    }

    @Test("a CSV file read on a second thread gives the same declarations, findings and order", arguments: [
        "Samples/forwarder-manifest-ru.csv", "Tests/Fixtures/csv/id-comes-back-after-another-declaration.csv",
        "Tests/Fixtures/csv/unclosed-quote.csv", "Tests/Fixtures/csv/russian-excel-cp1251-semicolon-decimal-comma.csv",
        "Tests/Fixtures/csv/cr-only-line-ends.csv", "Tests/Fixtures/csv/utf8-bom.csv", "Tests/Fixtures/csv/utf16-with-bom.csv",
        "Tests/Fixtures/csv/utf8-with-one-invalid-byte.csv", "Tests/Fixtures/csv/wrong-field-count.csv",
        "Tests/Fixtures/csv/quoted-delimiter-quote-and-line-break.csv", "Tests/Fixtures/csv/events-layout.csv",
        "Tests/Fixtures/csv/no-id-column.csv",
    ])
    func csvDeclarationsInTheSameOrder(file: String) throws {
        let path = TestPaths.packageRoot.appendingPathComponent(file).path
        let configuration = try PipelineConfiguration.load()
        let prefix = Array(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(FileFacts.prefixLength))
        let reader = CSVDocumentReader(path: path, prefix: prefix, options: configuration.csv, codeLists: configuration.codeLists)
        var direct: [DeclarationDraft] = []
        let one = OverlappedReading.read(reader, overlapped: false) { direct.append($0) }
        var overlapped: [DeclarationDraft] = []
        let two = OverlappedReading.read(reader, overlapped: true) { overlapped.append($0) }
        #expect(!direct.isEmpty)
        #expect(overlapped.map(\.declaration) == direct.map(\.declaration))
        #expect(overlapped.map(\.findings) == direct.map(\.findings))
        #expect(two.findings == one.findings)
        #expect(two.layout == one.layout)
    }

    @Test func moreRecordsThanThePipeHoldsAreAllHandedOver() {
        let pipe = RecordPipe(capacity: 2)
        let count = 1000
        let producer = Thread {
            for index in 0..<count { pipe.put([XMLElement(name: "R\(index)")]) }
            pipe.finish(XMLDocumentReader.read(bytes: Array("<a/>".utf8), displayName: "a", role: { _ in .descend }, onRecord: { _ in }))
        }
        producer.start()
        var names: [String] = []
        while let batch = pipe.take() { names += batch.map(\.name) }
        #expect(names == (0..<count).map { "R\($0)" })
        #expect(pipe.outcome()?.root?.name == "a")
    }
}
