import CustomsCore
@testable import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

/// A spilled list writes a declaration's cross-file form straight from the full declaration
/// (``EncodingForm/crossFile``) instead of encoding a reduced copy: the bytes are those of the
/// copy, and the list holds what it holds when given the copy.
@Suite struct CrossFileEncodingTests {
    /// Every declaration of the corpus, Samples/ and the CSV fixtures, in full (names, descriptions,
    /// `asFiled`, personal data).
    private func fullDeclarations() throws -> [Declaration] {
        var configuration = try PipelineConfiguration.load()
        configuration.retainsFullDeclarations = true
        let processor = FileProcessor(configuration: configuration)
        let folders = [TestPaths.corpus.path, TestPaths.samples.path, TestPaths.fixture("csv")]
        return try FileDiscovery.files(in: folders).flatMap { Array(processor.process($0).declarations) }
    }

    private func encoded(_ declaration: Declaration, form: EncodingForm = .whole) -> [UInt8] {
        var bytes: [UInt8] = []
        DeclarationCodec.encode(declaration, form: form, into: &bytes)
        return bytes
    }

    @Test("the cross-file form and the form without the file are the bytes of the reduced copy")
    func sameBytesAsTheReducedCopy() throws {
        let declarations = try fullDeclarations()
        // What the cross-file form drops is there to drop.
        #expect(declarations.contains { !$0.personalData.isEmpty })
        #expect(declarations.contains { $0.asFiled["LRN"] != nil })
        #expect(declarations.contains { $0.exporter?.name != nil && $0.exporter?.id == nil && $0.exporter?.country == nil })
        #expect(declarations.contains { $0.goodsItems.contains { $0.description != nil && !$0.asFiled.isEmpty } })
        for declaration in declarations {
            for omitsFile in [false, true] {
                var reduced = declaration.crossFileForm
                var whole = declaration
                if omitsFile {
                    reduced.source.file = ""
                    whole.source.file = ""
                }
                let place = "\(declaration.key) of \(declaration.source.file)"
                #expect(encoded(declaration, form: EncodingForm(omitsFile: omitsFile, crossFile: true)) == encoded(reduced), "\(place)")
                #expect(encoded(declaration, form: EncodingForm(omitsFile: omitsFile)) == encoded(whole), "\(place)")
            }
        }
    }

    @Test("a list given the full declarations holds their cross-file forms, spilled or not")
    func listTakesTheCrossFileForm() throws {
        let declarations = try fullDeclarations()
        for spill in [nil, DeclarationSpill()] {
            var given = DeclarationList(spill: spill, threshold: 3)
            var written = DeclarationList(spill: spill, threshold: 3)
            for declaration in declarations {
                given.append(declaration.crossFileForm)
                written.appendCrossFileForm(of: declaration)
            }
            #expect(written.isSpilled == (spill != nil))
            given.assignKeys(fileHash: "0123456789abcdef")
            written.assignKeys(fileHash: "0123456789abcdef")
            #expect(Array(written) == Array(given))
            #expect(Array(written.headers) == Array(given.headers))
            #expect(written.identityHashes == given.identityHashes)
            #expect(written.sourceFiles == given.sourceFiles)
            #expect(written.messageTypes == given.messageTypes)
            #expect(written.matchFacts?.count == given.matchFacts?.count)
            #expect(written.matchFacts?.isComplete == given.matchFacts?.isComplete)
        }
    }
}
