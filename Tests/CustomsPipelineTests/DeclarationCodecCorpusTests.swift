import CustomsCore
import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

/// The spill encoding over real declarations: every file of the shared corpus and of Samples/,
/// harmonized in full as `harmonize` does, survives encode → decode exactly.
@Suite struct DeclarationCodecCorpusTests {
    @Test func everyCorpusAndSampleDeclarationRoundTrips() throws {
        var configuration = try PipelineConfiguration.load()
        configuration.retainsFullDeclarations = true
        let processor = FileProcessor(configuration: configuration)
        let files = try FileDiscovery.files(in: [TestPaths.corpus.path, TestPaths.samples.path])
        #expect(files.count > 40)
        var formats = Set<String>()
        var declarations = 0
        var goodsItems = 0
        for file in files {
            for declaration in processor.process(file).declarations {
                declarations += 1
                goodsItems += declaration.goodsItems.count
                formats.insert(declaration.sourceFormat)
                let bytes = encoded(declaration)
                let decoded = decode(bytes)
                #expect(decoded == declaration, "\(declaration.key) of \(file)")
                if let decoded { #expect(decimalBytes(decoded) == decimalBytes(declaration), "\(declaration.key) of \(file)") }
                var header = declaration
                header.goodsItems = []
                #expect(decode(bytes, goodsItems: false) == header, "\(declaration.key) of \(file)")
                let identity = bytes.withUnsafeBytes(DeclarationCodec.decodeIdentity)
                #expect(identity == DeclarationIdentity(declaration), "\(declaration.key) of \(file)")
                // Cut anywhere, the bytes give an identity only when its fields are whole.
                for cut in [0, 1, 2, 5, 9] where cut < bytes.count {
                    let short = Array(bytes.prefix(cut)).withUnsafeBytes(DeclarationCodec.decodeIdentity)
                    #expect(short == nil || short == identity)
                }
            }
        }
        // Every format the product reads, with their goods items, went through.
        #expect(formats.isSuperset(of: ["cbd-xml", "cn-dec", "cn-ceb", "eaeu-esad", "eu-ncts", "wco-dms", "csv"]), "\(formats)")
        #expect(declarations > 30)
        #expect(goodsItems > declarations)
    }

    /// A known declaration's values after the round trip (ChinaDecTests reads the same file).
    @Test func aKnownDeclarationKeepsItsValues() throws {
        let result = FileProcessor(configuration: try PipelineConfiguration.load())
            .process(TestPaths.corpus("cn-dec/Dec201802011651490001.xml"))
        let original = try #require(result.declarations.first)
        let bytes = encoded(original)
        let declaration = try #require(decode(bytes))
        #expect(declaration.id == "201802011651490001")
        #expect(declaration.totals?.grossMassKg == ExactDecimal.parse("762.1"))
        #expect(declaration.totals?.netMassKg == ExactDecimal.parse("652.83"))
        #expect(declaration.exporter == Party(name: "样例电子（深圳）有限公司", id: "91440300MA5EXAMP2J", country: "CN"))
        #expect(declaration.asFiled["TrafMode"] == "W")
        #expect(declaration.goodsItems.count == 4)
        #expect(declaration.goodsItems[0].unitPrice == ExactDecimal.parse("0.0414"))
        #expect(declaration.goodsItems[0].asFiled["GUnit"] == "007")
        let header = try #require(decode(bytes, goodsItems: false))
        #expect(header.totals?.grossMassKg == ExactDecimal.parse("762.1"))
        #expect(header.goodsItems.isEmpty)
    }

    private func encoded(_ declaration: Declaration) -> [UInt8] {
        var bytes: [UInt8] = []
        DeclarationCodec.encode(declaration, into: &bytes)
        return bytes
    }

    private func decode(_ bytes: [UInt8], goodsItems: Bool = true) -> Declaration? {
        bytes.withUnsafeBytes { DeclarationCodec.decode($0, goodsItems: goodsItems) }
    }

    /// The bytes of every `Decimal` of a declaration, header then items: `==` on `Decimal`
    /// compares values, these compare representations.
    private func decimalBytes(_ declaration: Declaration) -> [[UInt8]?] {
        let values = [declaration.invoice?.amount, declaration.totals?.grossMassKg, declaration.totals?.netMassKg, declaration.totals?.packages]
            + declaration.goodsItems.flatMap { [$0.quantity, $0.grossMassKg, $0.netMassKg, $0.packages, $0.unitPrice, $0.value] }
        return values.map { $0.map { value in withUnsafeBytes(of: value) { Array($0) } } }
    }
}
