import CustomsCore
@testable import CustomsPipeline
import CustomsReconcile
import CustomsTiming
import CustomsTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A file's declaration list behaves the same spilled as in memory: keys, order, replacements,
/// source files, failures of the temporary file.
@Suite struct DeclarationListTests {
    private func declaration(_ id: String?, file: String = "f.csv", row: Int, padding: Int = 0) -> Declaration {
        var d = Declaration(sourceFormat: "csv", source: SourceLocation(file: file, row: row))
        d.id = id
        d.declaringCountry = "KZ"
        if padding > 0 { d.procedure = String(repeating: "x", count: padding) }
        return d
    }

    private func both(_ ids: [String?], threshold: Int, spill: DeclarationSpill, padding: Int = 0) -> (DeclarationList, DeclarationList) {
        var memory = DeclarationList()
        var spilled = DeclarationList(spill: spill, threshold: threshold)
        for (row, id) in ids.enumerated() {
            memory.append(declaration(id, row: row, padding: padding))
            spilled.append(declaration(id, row: row, padding: padding))
        }
        memory.assignKeys(fileHash: "abcdef0123456789")
        spilled.assignKeys(fileHash: "abcdef0123456789")
        return (memory, spilled)
    }

    @Test("keys of a spilled list are the in-memory keys: no id, ids repeated apart, canonically equal ids")
    func keysParity() throws {
        let ids: [String?] = ["A", nil, "B", "A", "C", nil, "B", "D", "A", "É", "E\u{301}"]
        for threshold in [1, 3, 100] {
            let (memory, spilled) = both(ids, threshold: threshold, spill: DeclarationSpill())
            #expect(Array(spilled).map(\.key) == Array(memory).map(\.key))
            #expect(Array(spilled.headers).map(\.key) == Array(memory).map(\.key))
        }
        let (memory, refused) = both(ids, threshold: 1, spill: DeclarationSpill(directory: "/nonexistent-review-dir"))
        #expect(Array(refused).map(\.key) == Array(memory).map(\.key))
    }

    @Test("records larger than a block, reads before the flush, and a refused spill over several flushes")
    func bigRecordsAndBuffer() throws {
        let spill = DeclarationSpill()
        var list = DeclarationList(spill: spill, threshold: 1)
        var expected: [Declaration] = []
        for row in 0..<8 {
            let d = declaration("ID\(row)", row: row, padding: row % 3 == 0 ? (3 << 20) : 10)
            list.append(d)
            expected.append(d)
            // Read back while part of it is still buffered.
            #expect(list[row] == d)
        }
        list.assignKeys(fileHash: nil)
        for index in expected.indices { expected[index].key = "ID\(index)" }
        #expect(Array(list) == expected)
        #expect(list.indices.map { list[$0] } == expected)
        #expect(spill.readFailures == 0)

        let refused = DeclarationSpill(directory: "/nonexistent-review-dir")
        var kept = DeclarationList(spill: refused, threshold: 2)
        var all: [Declaration] = []
        for row in 0..<6000 {
            let d = declaration(row % 7 == 0 ? nil : "R\(row % 4000)", row: row, padding: 300)
            kept.append(d)
            all.append(d)
        }
        kept.assignKeys(fileHash: nil)
        DeclarationKeys.assign(&all, fileHash: nil)
        #expect(Array(kept) == all)
    }

    @Test("a declaration replaced after the keys are assigned keeps what was set, and its source file moves")
    func setterAfterKeys() throws {
        let ids: [String?] = ["A", "B", "C"]
        var (memory, spilled) = both(ids, threshold: 1, spill: DeclarationSpill())
        #expect(spilled.isSpilled)
        memory[1].key = "renamed"
        spilled[1].key = "renamed"
        #expect(memory[1].key == "renamed")
        #expect(spilled[1].key == "renamed")
        memory[0].source.file = "moved.csv"
        memory[1].source.file = "moved.csv"
        memory[2].source.file = "moved.csv"
        spilled[0].source.file = "moved.csv"
        spilled[1].source.file = "moved.csv"
        spilled[2].source.file = "moved.csv"
        #expect(spilled.sourceFiles == memory.sourceFiles)
    }

    @Test("a list notes the match facts of what it is given; a replacement drops them; the batch hands them over once")
    func matchFactsAreNotedAndHandedOverOnce() throws {
        let spill = DeclarationSpill()
        var a = FileResult(file: "a.csv")
        var b = FileResult(file: "b.csv")
        a.declarations = DeclarationList(spill: spill, threshold: 1)
        b.declarations = DeclarationList(spill: spill, threshold: 1)
        for row in 0..<3 { a.declarations.append(declaration("A\(row)", row: row)) }
        b.declarations.append(declaration("B", row: 0))
        #expect(a.declarations.matchFacts?.count == 3)
        #expect(DeclarationList([declaration("C", row: 0)]).matchFacts == nil)
        let batch = BatchDeclarations([a, b])
        #expect(batch.matchFacts?.count == 4)
        #expect(batch.matchFacts == nil, "handed over once")
        let taken = MatchFactsTable([a.declarations.takeMatchFacts(), b.declarations.takeMatchFacts()])
        #expect(a.declarations.matchFacts == nil)
        #expect(BatchDeclarations([a, b]).matchFacts == nil)
        #expect(BatchDeclarations([a, b], matchFacts: taken).matchFacts?.count == 4)
        #expect(BatchDeclarations([a], matchFacts: taken).matchFacts == nil, "facts of another count are not used")
        var replaced = DeclarationList(spill: spill, threshold: 1)
        replaced.append(declaration("R", row: 0))
        replaced[0] = declaration("S", row: 0)
        #expect(replaced.matchFacts == nil)
    }

    @Test("the batch view with empty files at the start, in the middle and at the end")
    func emptyFiles() throws {
        var a = FileResult(file: "a")
        var b = FileResult(file: "b")
        let spill = DeclarationSpill()
        a.declarations = DeclarationList(spill: spill, threshold: 1)
        b.declarations = DeclarationList(spill: spill, threshold: 1)
        for row in 0..<3 { a.declarations.append(declaration("a\(row)", file: "a", row: row)) }
        for row in 0..<2 { b.declarations.append(declaration("b\(row)", file: "b", row: row)) }
        a.declarations.assignKeys(fileHash: nil)
        b.declarations.assignKeys(fileHash: nil)
        let e = FileResult(file: "e")
        let results = [e, e, a, e, e, b, e, e]
        let batch = BatchDeclarations(results)
        #expect(batch.count == 5)
        #expect(batch.indices.map { batch[$0].id } == ["a0", "a1", "a2", "b0", "b1"])
        #expect(Array(batch).map(\.id) == ["a0", "a1", "a2", "b0", "b1"])
        #expect(batch.headers.indices.map { batch.headers[$0].id } == ["a0", "a1", "a2", "b0", "b1"])
        #expect(BatchDeclarations([e, e]).isEmpty)
        #expect(BatchDeclarations([]).isEmpty)
    }

    /// The descriptor of the spill file created in `folder`.
    private func spillDescriptor(in folder: String) -> Int32? {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for name in fds {
            guard let fd = Int32(name) else { continue }
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(name)"),
               target.hasPrefix(folder), target.contains("customs-spill-") {
                return fd
            }
        }
        return nil
    }

    @Test("a declaration that cannot be read back from the spill is never valid")
    func unreadableDeclarationsAreNotValid() throws {
        let folder = try TestPaths.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = try PipelineConfiguration.load(jobs: 2)
        configuration.retainsFullDeclarations = false
        let spill = DeclarationSpill(directory: folder.path)
        configuration.spill = spill
        configuration.spillThreshold = 1
        let files = try FileDiscovery.files(in: [TestPaths.corpus("cn-ceb/CEB621Message.xml")])
        let reconciler = Reconciler()
        let (results, mirror) = BatchRunner(configuration: configuration).run(files) { reconciler.mirrorFindings($0, at: $1) }
        let report = BatchReport(files: results, crossFindings: mirror + spill.lossFindings)
        #expect(spill.readFailures == 0)
        // The temporary file fails from now on (an I/O error, simulated by truncating it).
        let fd = try #require(spillDescriptor(in: folder.path))
        #expect(ftruncate(fd, 0) == 0)
        var json = ""
        report.writeJSON { json += $0.text }
        #expect(spill.readFailures > 0)
        #expect(report.text.hasSuffix("1 file, 10 declarations (10 not valid): 20 errors, 0 warnings, 10 infos\n"))
        #expect(!json.contains("\"valid\": true"))
        #expect(spill.lossFindings.map(\.rule) == ["file.unreadable"])
        #expect(spill.lossFindings[0].severity == .error)
    }
}

@Suite struct SpillSizeLimitTests {
    @Test("a spill that is full after its first block keeps the rest in memory, in order")
    func fullAfterOneBlock() throws {
        let folder = try TestPaths.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 1.5 MiB: the first block is written, the second is refused.
        let spill = DeclarationSpill(directory: folder.path, sizeLimit: 3 << 19)
        var list = DeclarationList(spill: spill, threshold: 2)
        var all: [Declaration] = []
        for row in 0..<12_000 {
            var d = Declaration(sourceFormat: "csv", source: SourceLocation(file: "f.csv", row: row))
            d.id = row % 5 == 0 ? nil : "ID\(row % 9000)"
            d.procedure = String(repeating: "p", count: 300)
            list.append(d)
            all.append(d)
            if row == 6000 { #expect(list[10] == all[10]); #expect(list[5999] == all[5999]) }
        }
        list.assignKeys(fileHash: nil)
        DeclarationKeys.assign(&all, fileHash: nil)
        #expect(spill.refusal == "the temporary file in \(folder.path) reached its limit of 1572864 bytes")
        #expect(spill.size > 0 && spill.size <= 3 << 19)
        #expect(Array(list) == all)
        #expect(Array(list.headers) == all)
        #expect(list.indices.map { list.header(at: $0) } == all)
        #expect(spill.readFailures == 0)
    }
}

@Suite struct BatchTimingSelectionTests {
    private func old(_ results: [FileResult]) -> ([Declaration], [String: [Event]]) {
        var loose: [String: [Event]] = [:]
        var declarations = DeclarationCopies.latest(results.lazy.flatMap { Array($0.declarations) })
        for declaration in declarations {
            if let key = BatchTiming.eventLogKey(declaration) { loose[key, default: []] += declaration.events }
        }
        declarations.removeAll { BatchTiming.eventLogKey($0) != nil }
        return (declarations, loose)
    }

    @Test("the declarations to time and the loose events are those of a flat copy of the batch: copies, event logs, CC029C")
    func timedParity() throws {
        var rng = SeededNumbers(seed: 20261130)
        for spilled in [false, true] {
            let spill = DeclarationSpill()
            var results: [FileResult] = []
            for file in 0..<4 {
                var result = FileResult(file: "f\(file)")
                result.declarations = spilled ? DeclarationList(spill: spill, threshold: 2) : DeclarationList()
                for row in 0..<60 {
                    var d = Declaration(sourceFormat: "csv", source: SourceLocation(file: "f\(file)", row: row))
                    let kind = Int.random(in: 0..<4, using: &rng)
                    d.id = Int.random(in: 0..<8, using: &rng) == 0 ? nil : "D\(Int.random(in: 0..<20, using: &rng))"
                    d.declaringCountry = ["KZ", "CN", nil][Int.random(in: 0..<3, using: &rng)]
                    d.messageType = kind == 0 ? "events" : kind == 1 ? "CC029C" : "IM"
                    if kind == 1 && Bool.random(using: &rng) { d.asFiled = AsFiled([("LRN", "D\(Int.random(in: 0..<20, using: &rng))")]) }
                    d.events = [Event(milestone: "m\(file)-\(row)", at: Timestamp(epochSeconds: Int64(row), milliseconds: nil, utcOffsetSeconds: 0))]
                    result.declarations.append(d)
                }
                result.declarations.assignKeys(fileHash: nil)
                results.append(result)
            }
            let (selection, loose) = BatchTiming.timed(results, looseEvents: [:])
            let (expected, expectedLoose) = old(results)
            #expect(Array(selection) == expected)
            #expect(loose == expectedLoose)
        }
    }
}

@Suite struct NotedTimingTests {
    @Test("timing findings noted as each declaration is appended are those the stage finds once the batch is read")
    func notedTimingParity() throws {
        let data = try TimingData(directory: TestPaths.schemas)
        var rng = SeededNumbers(seed: 20261201)
        for spilled in [false, true] {
            let spill = DeclarationSpill()
            var results: [FileResult] = []
            for file in 0..<3 {
                var result = FileResult(file: "f\(file)")
                result.declarations = DeclarationList(spill: spilled ? spill : nil, threshold: 2, timing: TimingStage(data: data))
                for row in 0..<50 {
                    var d = Declaration(sourceFormat: "csv", source: SourceLocation(file: "f\(file)", row: row + 2))
                    // Ids repeated within a file (keys `D3#n`) and across files (copies).
                    d.id = Int.random(in: 0..<6, using: &rng) == 0 ? nil : "D\(Int.random(in: 0..<30, using: &rng))"
                    d.declaringCountry = ["KZ", "CN", "XX", nil][Int.random(in: 0..<4, using: &rng)]
                    d.direction = [.export, .import, nil][Int.random(in: 0..<3, using: &rng)]
                    let lodged = Int64(1_740_000_000 + 3_600 * Int.random(in: 0..<2_000, using: &rng))
                    // Released before or long after lodgement; some times read without offset.
                    let release = lodged + Int64(3_600 * Int.random(in: -5..<400, using: &rng))
                    d.events = [
                        Event(milestone: "lodgement", at: Timestamp(epochSeconds: lodged, milliseconds: nil, utcOffsetSeconds: 21_600)),
                        Event(milestone: "release", at: Timestamp(epochSeconds: release, milliseconds: nil, utcOffsetSeconds: 21_600),
                              zoneAssumed: Int.random(in: 0..<5, using: &rng) == 0),
                    ]
                    result.declarations.append(d)
                }
                result.declarations.assignKeys(fileHash: "0123456789abcdef")
                results.append(result)
            }
            let (selection, loose) = BatchTiming.timed(results, looseEvents: [:])
            let expected = TimingStage(data: data).findings(declarations: selection, looseEvents: loose, jobs: 1)
            #expect(expected.count > 20)
            #expect(Set(expected.map(\.rule)).isSuperset(of: ["timing.release-limit", "timing.zone-assumed", "calendar.missing"]))
            #expect(expected.contains { $0.declaration?.contains("#") == true })
            #expect(BatchTiming.noted(results, timed: selection, looseEvents: loose) == expected)
            // Events of an event log join a declaration: it is timed again, not from the notes.
            #expect(BatchTiming.noted(results, timed: selection, looseEvents: ["D1": []]) == nil)
            // A replaced declaration drops the notes of its file.
            var replaced = results
            replaced[1].declarations[0] = replaced[1].declarations[0]
            #expect(BatchTiming.noted(replaced, timed: selection, looseEvents: loose) == nil)
        }
    }
}

@Suite struct DeclarationListSetterTests {
    @Test("an id changed through the setter before the keys are assigned makes both keys #n")
    func idChangedBeforeKeys() throws {
        var memory = DeclarationList()
        var spilled = DeclarationList(spill: DeclarationSpill(), threshold: 1)
        for id in ["A", "B"] {
            var d = Declaration(sourceFormat: "csv", source: SourceLocation(file: "f.csv"))
            d.id = id
            memory.append(d)
            spilled.append(d)
        }
        memory[1].id = "A"
        spilled[1].id = "A"
        memory.assignKeys(fileHash: nil)
        spilled.assignKeys(fileHash: nil)
        #expect(Array(memory).map(\.key) == ["A#1", "A#2"])
        #expect(Array(spilled).map(\.key) == Array(memory).map(\.key))
    }
}

/// The copies of a batch found from the identity hashes kept as it was read are those found by
/// reading it.
@Suite struct KeptIdentityHashTests {
    @Test("latest copies from kept hashes: the corpus and Samples (the Dostyk import in two encodings), spilled")
    func sameAsReading() throws {
        var configuration = try PipelineConfiguration.load(jobs: 2)
        configuration.retainsFullDeclarations = false
        configuration.spill = DeclarationSpill()
        configuration.spillThreshold = 1
        let results = BatchRunner(configuration: configuration).run(try FileDiscovery.files(in: [TestPaths.corpus.path, TestPaths.samples.path]))
        let batch = BatchDeclarations(results)
        let hashes = results.flatMap(\.declarations.identityHashes)
        let read = DeclarationCopies.latestIndices(batch)
        #expect(DeclarationCopies.latestIndices(batch, identityHashes: hashes) == read)
        #expect(read.count < batch.count)
        // File by file, as the batch runner gives them.
        #expect(DeclarationCopies.latestIndices(batch, identityHashesByFile: results.map(\.declarations.identityHashes)) == read)
        #expect(DeclarationCopies.latestIndices(batch, identityHashesByFile: results.map { $0.declarations.identityHashes.map { $0 == nil ? nil : UInt64(7) } }) == read)
        #expect(DeclarationCopies.latestIndices(batch, identityHashesByFile: [hashes, [nil]]) == read)
        // Every hash the same: each one is confirmed on the declarations, nothing merged wrongly.
        let colliding = hashes.map { $0 == nil ? nil : UInt64(7) }
        #expect(DeclarationCopies.latestIndices(batch, identityHashes: colliding) == read)
        // A list of the wrong length is not trusted.
        #expect(DeclarationCopies.latestIndices(batch, identityHashes: []) == read)
    }
}
