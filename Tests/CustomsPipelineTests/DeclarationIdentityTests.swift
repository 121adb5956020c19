import CustomsCore
@testable import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

/// The `validate` report lists a spilled declaration from the start of its encoding only
/// (``DeclarationList/forEachIdentity(at:_:)``): the same id, key and format as reading it whole.
@Suite struct DeclarationIdentityTests {
    @Test func theIdentityIsWhatTheWholeDeclarationSays() throws {
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
            var whole: [DeclarationIdentity] = []
            list.forEach(at: list.indices, goodsItems: false) { whole.append(DeclarationIdentity($1)) }
            var identities: [DeclarationIdentity] = []
            list.forEachIdentity(at: list.indices) { identities.append($1) }
            #expect(identities.count == declarations.count + 7)
            #expect(identities == whole)
            #expect(identities.map(\.key).contains { $0.contains("#") })
        }
    }

    @Test func theStartOfAnEncodingIsReadAndATruncatedOneIsNot() throws {
        var bytes: [UInt8] = []
        var declaration = Declaration(sourceFormat: "csv", source: SourceLocation(file: "f.csv", row: 2))
        declaration.id = "A1"
        declaration.key = "A1"
        DeclarationCodec.encode(declaration, into: &bytes)
        let identity = try #require(bytes.withUnsafeBytes(DeclarationCodec.decodeIdentity))
        #expect(identity == DeclarationIdentity(id: "A1", key: "A1", sourceFormat: "csv"))
        #expect(bytes.prefix(2).withUnsafeBytes(DeclarationCodec.decodeIdentity) == nil)
    }
}
