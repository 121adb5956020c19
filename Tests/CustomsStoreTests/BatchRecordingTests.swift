import CustomsPipeline
import CustomsStore
import CustomsTestSupport
import Foundation
import Testing

/// `record(_ batch:)`: one transaction, the same outcome as recording each file in turn.
@Suite struct BatchRecordingTests {
    @Test func aBatchStoresLikeOneFileAfterAnother() throws {
        let folder = try TestPaths.scratch()
        let store = try DeclarationStore(path: folder.appendingPathComponent("store.sqlite").path)
        let configuration = try PipelineConfiguration.load()
        let original = FileProcessor(configuration: configuration).process(TestPaths.sample("consignment-dostyk/cn-dec-export.xml"))
        var copy = original
        copy.file = "elsewhere/copy.xml"
        var amended = original
        amended.sha256 = String(repeating: "b", count: 64)
        amended.file = "amended/cn-dec-export.xml"
        amended.declarations[0].totals?.grossMassKg = Decimal(string: "18200")
        let receipts = try store.record([
            .init(original.snapshot, outcome: "processed"),
            .init(copy.snapshot, outcome: "processed"),
            .init(amended.snapshot, outcome: "processed"),
        ])
        #expect(receipts.count == 3)
        #expect(receipts[0].earlierPath == nil && receipts[0].amendments.isEmpty)
        #expect(receipts[1].earlierPath == original.file)
        #expect(receipts[2].earlierPath == nil)
        #expect(receipts[2].amendments.map(\.rule) == ["declaration.amended"])
        #expect(receipts[2].amendments.first?.message.contains("replaces version 1 received in \(original.file); this is version 2") == true)
        let counts = try store.counts()
        #expect(counts.files == 2)
        #expect(counts.declarations == 2)
    }
}
