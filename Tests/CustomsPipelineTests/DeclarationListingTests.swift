import CustomsCore
@testable import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

/// A report lists a spilled declaration from the start of its encoding only
/// (``DeclarationList/forEachListing(at:_:)``): the same id, key, format and file as reading it whole.
@Suite struct DeclarationListingTests {
    @Test func listingIsWhatTheWholeDeclarationSays() throws {
        var configuration = try PipelineConfiguration.load()
        configuration.retainsFullDeclarations = true
        let processor = FileProcessor(configuration: configuration)
        let folders = [TestPaths.corpus.path, TestPaths.samples.path, TestPaths.fixture("csv")]
        let declarations = try FileDiscovery.files(in: folders).flatMap { Array(processor.process($0).declarations) }
        #expect(declarations.contains { $0.id == nil })
        for spill in [nil, DeclarationSpill()] {
            var list = DeclarationList(spill: spill, threshold: 5)
            // Ids repeated (keys `#n`) and several source files (one of them written once).
            for declaration in declarations + declarations.prefix(7) { list.appendCrossFileForm(of: declaration) }
            list.assignKeys(fileHash: "0123456789abcdef")
            var whole: [Declaration] = []
            list.forEach(at: list.indices, goodsItems: false) { whole.append($1) }
            var listed: [Declaration] = []
            list.forEachListing(at: list.indices) { listed.append($1) }
            #expect(listed.count == whole.count)
            #expect(listed.map(\.id) == whole.map(\.id))
            #expect(listed.map(\.key) == whole.map(\.key))
            #expect(listed.map(\.sourceFormat) == whole.map(\.sourceFormat))
            #expect(listed.map(\.source.file) == whole.map(\.source.file))
            #expect(listed.map(\.key).contains { $0.contains("#") })
        }
    }

    @Test func theStartOfAnEncodingIsListedAndATruncatedOneIsNot() throws {
        var bytes: [UInt8] = []
        var declaration = Declaration(sourceFormat: "csv", source: SourceLocation(file: "f.csv", row: 2))
        declaration.id = "A1"
        declaration.key = "A1"
        DeclarationCodec.encode(declaration, into: &bytes)
        let listed = try #require(bytes.withUnsafeBytes { DeclarationCodec.decodeListing($0) })
        #expect(listed.id == "A1" && listed.key == "A1" && listed.sourceFormat == "csv" && listed.source.file == "f.csv")
        #expect(bytes.prefix(2).withUnsafeBytes { DeclarationCodec.decodeListing($0) } == nil)
    }
}
