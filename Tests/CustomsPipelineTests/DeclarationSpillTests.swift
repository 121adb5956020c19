import CustomsCore
@testable import CustomsPipeline
import CustomsReconcile
import CustomsTestSupport
import Foundation
import Testing

/// A batch whose files keep their declarations in the temporary spill file reports exactly what
/// the same batch reports with every declaration in memory.
@Suite struct DeclarationSpillTests {
    /// `validate --format json` of `paths` as the command builds it, every file spilling after
    /// `threshold` declarations when `spill` is given.
    private func validateJSON(_ paths: [String], spill: DeclarationSpill?, threshold: Int = 1) throws -> (String, [FileResult]) {
        var configuration = try PipelineConfiguration.load(schemaDirectories: [TestPaths.schemas.path], jobs: 2)
        configuration.retainsFullDeclarations = false
        configuration.spill = spill
        configuration.spillThreshold = threshold
        let results = BatchRunner(configuration: configuration).run(try FileDiscovery.files(in: paths))
        let mirror = Reconciler().mirrorFindings(BatchDeclarations(results))
        let report = BatchReport(files: results, crossFindings: mirror + (spill?.lossFindings ?? []))
        var text = ""
        report.writeJSON { text += $0.text }
        return (text, results)
    }

    @Test("the corpus and Samples spilled after one declaration: the same validate JSON as in memory")
    func spilledBatchReportsTheSame() throws {
        let paths = [TestPaths.corpus.path, TestPaths.samples.path]
        let (inMemory, _) = try validateJSON(paths, spill: nil)
        let spill = DeclarationSpill()
        let (spilled, results) = try validateJSON(paths, spill: spill)
        #expect(spilled == inMemory)
        #expect(spill.size > 0)
        #expect(spill.readFailures == 0)
        #expect(results.contains { $0.declarations.isSpilled })
        // The Samples' two Dostyk mirror warnings are found over the spilled batch too.
        #expect(spilled.components(separatedBy: "\"mirror.").count - 1 == inMemory.components(separatedBy: "\"mirror.").count - 1)
        #expect(inMemory.contains("\"mirror."))
    }

    @Test("mirror findings matched alongside the timing stage are those matched after it")
    func mirrorFindingsAlongsideTiming() throws {
        var configuration = try PipelineConfiguration.load(jobs: 2)
        configuration.retainsFullDeclarations = false
        configuration.spill = DeclarationSpill()
        configuration.spillThreshold = 1
        let files = try FileDiscovery.files(in: [TestPaths.corpus.path, TestPaths.samples.path])
        let runner = BatchRunner(configuration: configuration)
        let after = runner.run(files)
        let reconciler = Reconciler()
        let (alongside, mirror) = runner.run(files) { reconciler.mirrorFindings($0, at: $1) }
        #expect(mirror == reconciler.mirrorFindings(BatchDeclarations(after)))
        #expect(mirror.contains { $0.rule.hasPrefix("mirror.") })
        #expect(alongside.map(\.findings) == after.map(\.findings))
        #expect(alongside.map { Array($0.declarations) } == after.map { Array($0.declarations) })
    }

    @Test("the timing report of a spilled batch is the one of the batch in memory")
    func spilledBatchTimesTheSame() throws {
        func report(spill: DeclarationSpill?) throws -> String {
            var configuration = try PipelineConfiguration.load(jobs: 2)
            configuration.retainsFullDeclarations = spill == nil
            configuration.spill = spill
            configuration.spillThreshold = 1
            let files = try FileDiscovery.files(in: [TestPaths.corpus.path, TestPaths.samples.path, TestPaths.fixture("timing")])
            let results = BatchRunner(configuration: configuration).run(files)
            if let spill { #expect(results.contains { $0.declarations.isSpilled } && spill.readFailures == 0) }
            let timing = try #require(BatchTiming.report(results, configuration: configuration))
            return timing.json(findings: timing.findings).serialized() + timing.csv
        }
        let inMemory = try report(spill: nil)
        #expect(try report(spill: DeclarationSpill()) == inMemory)
        // Real intervals, not an empty report: the Samples' Altynkol rail declaration is timed.
        #expect(inMemory.contains("altynkol-khorgos"))
    }

    @Test("CEB621's repeated inventory numbers keep their #n keys when spilled")
    func repeatedIDsKeepPositionKeys() throws {
        let file = TestPaths.corpus("cn-ceb/CEB621Message.xml")
        let (_, inMemory) = try validateJSON([file], spill: nil)
        let (_, spilled) = try validateJSON([file], spill: DeclarationSpill())
        let declarations = spilled[0].declarations
        #expect(declarations.isSpilled)
        #expect(declarations.count == 10)
        #expect(declarations[0].key == "NBBH20160308005#1")
        #expect(Set(declarations.map(\.key)).count == 10)
        #expect(Array(declarations) == Array(inMemory[0].declarations))
        #expect(declarations.sourceFiles == [file])
    }

    @Test("a spilled declaration's header is the declaration without its goods items")
    func headerHasNoGoodsItems() throws {
        let file = TestPaths.sample("consignment-dostyk/cn-dec-export.xml")
        let (_, spilled) = try validateJSON([file], spill: DeclarationSpill())
        let declarations = spilled[0].declarations
        #expect(declarations.isSpilled)
        let full = declarations[0]
        #expect(full.goodsItems.count > 0)
        var expected = full
        expected.goodsItems = []
        #expect(declarations.header(at: 0) == expected)
        #expect(Array(declarations.headers) == [expected])
    }

    @Test("a manifest of 9,000 declarations spills in several blocks and reports the same as in memory")
    func manyBlocks() throws {
        let folder = try TestPaths.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = "id,declaring_country,direction,lodged_at,containers,sequence,hs_code,description,origin_country,gross_mass_kg,net_mass_kg,value,currency\n"
        for number in 1...9000 {
            let id = "KZ-BENCH-\(number)"
            // Every 1,000th declaration's net mass exceeds its gross mass: a finding to file by key.
            let net = number % 1000 == 0 ? "130.5" : "99.25"
            text += "\(id),KZ,import,2024-06-12,CSQU3054383,1,851650,microwave ovens,CN,120.5,\(net),1200.10,USD\n"
            text += "\(id),,,,,2,841810,refrigerators,CN,80,70,300,USD\n"
        }
        let file = folder.appendingPathComponent("nine-thousand-declarations.csv")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let (inMemory, _) = try validateJSON([file.path], spill: nil)
        let spill = DeclarationSpill(directory: folder.path)
        let (spilled, results) = try validateJSON([file.path], spill: spill, threshold: DeclarationList.spillThreshold)
        #expect(spilled == inMemory)
        #expect(spill.size > 1 << 20)  // at least one full block and the rest
        #expect(results[0].declarations.count == 9000)
        // The identities read from the spill are those of the declarations, keys included.
        var identities: [DeclarationIdentity] = []
        results[0].declarations.forEachIdentity(at: 0..<9000) { identities.append($1) }
        var expected: [DeclarationIdentity] = []
        results[0].declarations.forEach(at: 0..<9000, goodsItems: false) { expected.append(DeclarationIdentity($1)) }
        #expect(identities == expected)
        #expect(identities[8999] == DeclarationIdentity(id: "KZ-BENCH-9000", key: "KZ-BENCH-9000", sourceFormat: "csv"))
        #expect(results[0].declarations[8999].id == "KZ-BENCH-9000")
        #expect(results[0].declarations[8999].goodsItems[1].hsCode == "841810")
        #expect(results[0].declarations[8999].goodsItems[0].netMassKg == Decimal(string: "130.5"))
        #expect(results[0].findings.filter { $0.rule == "mass.net-exceeds-gross" }.map(\.declaration) == (1...9).map { "KZ-BENCH-\($0 * 1000)" })
        // Nothing is left in the folder: the spill file is unlinked as soon as it is opened.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["nine-thousand-declarations.csv"])
    }

    @Test("a spill that cannot be created keeps every declaration in memory and loses nothing")
    func refusedSpillKeepsDeclarationsInMemory() throws {
        let paths = [TestPaths.samples.path]
        let (inMemory, _) = try validateJSON(paths, spill: nil)
        let spill = DeclarationSpill(directory: "/nonexistent-customs-spill-directory")
        let (refused, results) = try validateJSON(paths, spill: spill)
        #expect(refused == inMemory)
        #expect(spill.size == 0)
        #expect(spill.readFailures == 0)
        #expect(spill.lossFindings.isEmpty)
        #expect(spill.refusal == "cannot create a temporary file in /nonexistent-customs-spill-directory: No such file or directory")
        #expect(results.reduce(0) { $0 + $1.declarations.count } == 9)
    }

    @Test("the batch view finds each file's declarations by position, empty files included")
    func batchPositions() throws {
        let file = TestPaths.corpus("cn-ceb/CEB621Message.xml")
        let (_, spilled) = try validateJSON([file, TestPaths.fixture("hostile"), file], spill: DeclarationSpill())
        let batch = BatchDeclarations(spilled)
        let total = spilled.reduce(0) { $0 + $1.declarations.count }
        #expect(batch.count == total)
        #expect(Array(batch).map(\.key) == spilled.flatMap { Array($0.declarations).map(\.key) })
        #expect(batch.indices.map { batch[$0].key } == Array(batch).map(\.key))
        #expect(batch.headers.indices.allSatisfy { batch.headers[$0].goodsItems.isEmpty })
    }
}
