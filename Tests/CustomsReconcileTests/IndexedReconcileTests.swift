@testable import CustomsCore
@testable import CustomsReconcile
import CustomsTestSupport
import Foundation
import Testing

/// Declarations read by index, as from a batch kept on disk: every read is counted.
struct CountingDeclarations: DeclarationCollection {
    final class Counter {
        var reads: [Int]
        init(count: Int) { reads = Array(repeating: 0, count: count) }
        var total: Int { reads.reduce(0, +) }
    }

    let base: [Declaration]
    let counter: Counter

    init(_ base: [Declaration]) {
        self.base = base
        counter = Counter(count: base.count)
    }

    var startIndex: Int { 0 }
    var endIndex: Int { base.count }

    subscript(position: Int) -> Declaration {
        counter.reads[position] += 1
        return base[position]
    }
}

/// An export and its import, the same consignment: transport document, container and invoice
/// shared; `importGross` bends the import's gross mass.
private func consignment(_ number: Int, importGross: String = "18240.5") -> [Declaration] {
    ["export", "import"].map { side in
        let export = side == "export"
        let id = "\(export ? "CN" : "KZ")-\(number)"
        var declaration = Declaration(sourceFormat: "cbd-xml", source: SourceLocation(file: "batch-\(number / 1000).xml", line: number % 1000 + 1))
        declaration.id = id
        declaration.key = id
        declaration.direction = export ? .export : .import
        declaration.declaringCountry = export ? "CN" : "KZ"
        let day = 1 + number % 26
        declaration.lodgedOn = String(format: "2025-03-%02ld", export ? day : day + 2)
        declaration.transportDocuments = [TransportDocument(type: "SMGS", number: export ? "\(40_000_000 + number)" : "SMGS \(40_000_000 + number)")]
        declaration.containers = [String(format: "TCLU%07ld", number)]
        declaration.invoice = Invoice(number: "INV-\(number)", currency: nil, amount: nil)
        declaration.totals = Totals(grossMassKg: Decimal(string: export ? "18240.5" : importGross))
        return declaration
    }
}

/// A batch that exercises every rule of the matcher: copies, declarations without number or
/// direction, both sides of one country, lodgements with times, without dates or unreadable,
/// identifiers written several ways or twice, a container on every consignment of a line, a
/// waybill split over many imports, party ids.
private func messyBatch(seed: UInt64, count: Int) -> [Declaration] {
    var numbers = SeededNumbers(seed: seed)
    let documentPool = max(count / 2, 1)
    let containerPool = max(count / 2, 1)
    let invoicePool = max(count, 1)
    var batch: [Declaration] = []
    for index in 0..<count {
        var declaration = Declaration(sourceFormat: "cbd-xml", source: SourceLocation(file: "messy-\(index % 7).xml", line: index + 1))
        let direction: Direction? = numbers.pick([.export, .export, .export, .import, .import, .import, .transit, nil])
        declaration.direction = direction
        declaration.declaringCountry = switch direction {
        case .export: numbers.pick(["CN", "CN", "CN", "KZ", nil])
        case .import, .transit: numbers.pick(["KZ", "KZ", "KZ", "CN", "RU", nil])
        case nil: numbers.pick(["KZ", "CN", nil])
        }
        if !numbers.chance(6) {
            // Numbers reused: a copy (same country and direction) or another declaration.
            declaration.id = "D\(numbers.below(count * 9 / 10 + 1))"
        }
        declaration.key = declaration.id ?? "row-\(index)"
        let day = 1 + numbers.below(28)
        let month = numbers.pick([3, 3, 3, 4, 6])
        declaration.lodgedOn = switch numbers.below(10) {
        case 0: nil
        case 1: "14.03.2025"
        case 2, 3: String(format: "2025-%02ld-%02ldT%02ld:%02ld:00", month, day, numbers.below(24), numbers.below(60))
        default: String(format: "2025-%02ld-%02ld", month, day)
        }
        for _ in 0..<numbers.pick([0, 1, 1, 1, 2]) {
            let number = numbers.below(documentPool)
            let written = numbers.pick(["SMGS \(31_400_000 + number)", "\(31_400_000 + number)", "smgs-\(31_400_000 + number)", "CIM/SMGS \(31_400_000 + number)", "12"])
            declaration.transportDocuments.append(TransportDocument(type: "SMGS", number: written))
        }
        if numbers.chance(3) {
            // One waybill over many imports and exports.
            declaration.transportDocuments.append(TransportDocument(type: "SMGS", number: "SMGS 77777777"))
        }
        for _ in 0..<numbers.pick([0, 1, 1, 2]) {
            let container = String(format: "TCLU%07ld", numbers.below(containerPool))
            declaration.containers.append(numbers.chance(10) ? container.lowercased() : container)
        }
        if numbers.chance(5), let first = declaration.containers.first { declaration.containers.append(first) }
        if numbers.chance(8) { declaration.containers.append("TCLU7654320") }  // on every consignment of a line
        if numbers.chance(10) { declaration.containers.append("ABC") }  // too short to match
        if !numbers.chance(15) {
            declaration.invoice = Invoice(
                number: numbers.pick(["INV-\(numbers.below(invoicePool))", "inv \(numbers.below(invoicePool))", "7"]),
                currency: numbers.pick(["USD", "KZT", nil]), amount: Decimal(40_000 + numbers.below(20_000)))
        }
        if numbers.chance(50) { declaration.exporter = Party(name: "Exporter", id: "91650100\(numbers.below(5))", country: "CN") }
        if numbers.chance(50) { declaration.importer = Party(name: "Importer", id: "1807400\(numbers.below(5))", country: "KZ") }
        declaration.totals = Totals(grossMassKg: Decimal(18_000 + numbers.below(1_000)), packages: Decimal(30 + numbers.below(8)))
        for item in 0..<numbers.below(3) {
            var goods = GoodsItem()
            goods.sequence = item + 1
            goods.hsCode = numbers.pick(["843149", "840991", "840999"])
            goods.quantity = Decimal(10 + numbers.below(5))
            goods.unit = "H87"
            declaration.goodsItems.append(goods)
        }
        batch.append(declaration)
    }
    return batch
}

/// A hash under which identifiers of the same length all collide.
private let lengthHash: @Sendable (MatchKeys.Key) -> UInt64 = { UInt64($0.value.utf8.count) }

@Suite struct IndexedReconcileTests {
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func theIndexedMatcherGivesTheArrayMatchersGroups(seed: UInt64) {
        let batch = messyBatch(seed: seed, count: 700)
        let latest = ReferenceReconciler.latest(batch)
        let positions = DeclarationCopies.latestIndices(batch)
        #expect(positions.map { batch[$0] } == latest)
        #expect(DeclarationCopies.latest(batch) == latest)
        #expect(DeclarationCopies.latest(batch.lazy.map { $0 }) == latest)
        #expect(positions.count < batch.count, "the batch has copies")

        let reference = ReferenceReconciler.groups(latest)
        #expect(reference.groups.count > 20, "the batch has consignments")
        #expect(reference.groups.contains { $0.pairs.count > 1 }, "the batch has split consignments")
        #expect(ConsignmentMatcher().groups(latest) == reference)

        // Over the whole batch, the latest copies named by their positions in it.
        func inBatch(_ group: ConsignmentGroup) -> ConsignmentGroup {
            ConsignmentGroup(
                exports: group.exports.map { positions[$0] }, counterparts: group.counterparts.map { positions[$0] },
                pairs: group.pairs.map { MatchedPair(export: positions[$0.export], counterpart: positions[$0.counterpart], matchedBy: $0.matchedBy) })
        }
        let indexed = ConsignmentMatcher().groups(batch, at: positions)
        #expect(indexed.groups == reference.groups.map(inBatch))
        #expect(indexed.unmatchedExports == reference.unmatchedExports.map { positions[$0] })
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func reconcileAndMirrorFindingsOverIndicesAreTheArrayOnes(seed: UInt64) {
        let batch = messyBatch(seed: seed, count: 700)
        let reference = ReconciliationOutline(ReferenceReconciler.reconcile(batch))
        #expect(!reference.mirrorFindings.isEmpty)
        #expect(!reference.unmatchedFindings.isEmpty)
        #expect(ReconciliationOutline(Reconciler().reconcile(CountingDeclarations(batch))) == reference)
        #expect(ReconciliationOutline(Reconciler().reconcile(batch)) == reference)
        #expect(ReconciliationOutline(Reconciler().reconcile(batch.lazy.map { $0 })) == reference)
        #expect(Reconciler().mirrorFindings(CountingDeclarations(batch)) == reference.mirrorFindings)
        #expect(Reconciler().mirrorFindings(batch.lazy.map { $0 }) == reference.mirrorFindings)
    }

    @Test func mirrorFindingsReadEachDeclarationABoundedNumberOfTimes() {
        var batch: [Declaration] = []
        for number in 0..<2_000 {
            batch += consignment(number, importGross: number % 100 == 3 ? "19700" : "18240.5")
        }
        // Exports alone, and a re-sent copy of one import.
        for number in 2_000..<2_010 { batch.append(consignment(number)[0]) }
        batch.append(consignment(41)[1])
        let counted = CountingDeclarations(batch)
        let findings = Reconciler().mirrorFindings(counted)
        #expect(findings == Reconciler().mirrorFindings(batch))
        #expect(findings == ReconciliationOutline(ReferenceReconciler.reconcile(batch)).mirrorFindings)
        #expect(findings.count == 20)
        // Declarations in consignment groups are read once more, to compare them.
        let grouped = 4_000
        #expect(counted.counter.total <= 4 * batch.count + grouped)
        #expect(counted.counter.reads.max()! <= 5)
    }

    @Test func twentyThousandPairsWithDeliberateMassDifferences() throws {
        let mismatched: Set = [7, 4_321, 9_999, 15_000, 19_998]
        var batch: [Declaration] = []
        batch.reserveCapacity(40_006)
        for number in 0..<20_000 {
            batch += consignment(number, importGross: mismatched.contains(number) ? "19700" : "18240.5")
        }
        // Exports still without counterpart: lodged 1 March (27 days before the newest lodgement, 28 March) and 20 March (8 days).
        for (number, day) in [(30_000, "2025-03-01"), (30_001, "2025-03-01"), (30_002, "2025-03-20")] {
            var export = consignment(number)[0]
            export.lodgedOn = day
            batch.append(export)
        }
        let result = Reconciler().reconcile(batch)
        #expect(result.pairs.count == 20_000)
        #expect(result.pairs.allSatisfy { $0.matchedBy == ["transport-document", "container", "invoice"] })
        #expect(result.pairs.allSatisfy { $0.export.id!.dropFirst(3) == $0.counterpart.id!.dropFirst(3) })
        let expected = mismatched.sorted().map { Triple(rule: "mirror.mass", declaration: "CN-\($0)", counterpart: "KZ-\($0)") }
        #expect(result.mirrorFindings.map(Triple.init) == expected)
        let mass = try #require(result.mirrorFindings.first)
        #expect(mass.message.contains("18240.5 kg on the export side, 19700 kg on the other: 7.4% apart"))
        #expect(result.unmatched.map(\.key) == ["CN-30000", "CN-30001", "CN-30002"])
        #expect(result.unmatchedFindings.map(Triple.init) == [
            Triple(rule: "mirror.unmatched", declaration: "CN-30000", counterpart: nil),
            Triple(rule: "mirror.unmatched", declaration: "CN-30001", counterpart: nil),
        ])
        #expect(result.unmatchedFindings.first?.message.contains("27 days later") == true)
        #expect(Reconciler().mirrorFindings(CountingDeclarations(batch)).map(Triple.init) == expected)
        // The 20,000 groups compared on two threads, in rounds of 4,096: the same findings, in order.
        let positions = DeclarationCopies.latestIndices(batch)
        let twoThreads = Reconciler().mirrorFindings(batch, at: positions, jobs: 2)
        #expect(twoThreads == Reconciler().mirrorFindings(batch, at: positions))
        #expect(twoThreads.map(Triple.init) == expected)
    }

    @Test(arguments: [1, 2] as [UInt64])
    func collidingHashesNeverMakeAMatch(seed: UInt64) {
        let batch = messyBatch(seed: seed, count: 300)
        let reference = ReconciliationOutline(ReferenceReconciler.reconcile(batch))
        for hash in [lengthHash, { _ in 0 }] as [@Sendable (MatchKeys.Key) -> UInt64] {
            var reconciler = Reconciler()
            reconciler.matcher.keyHash = hash
            #expect(ReconciliationOutline(reconciler.reconcile(CountingDeclarations(batch))) == reference)
            #expect(reconciler.mirrorFindings(batch) == reference.mirrorFindings)
            // The same on the facts noted as the files were read.
            #expect(ReconciliationOutline(reconciler.reconcile(NotedDeclarations(batch, files: 2))) == reference)
            #expect(reconciler.mirrorFindings(NotedDeclarations(batch, files: 2)) == reference.mirrorFindings)
        }
    }

    @Test func identifiersThatOnlyCollideNeitherMatchNorCountAsShared() {
        // Twenty imports with containers of their own, all hashed alike; one export shares the
        // container of the last and, by collision only, hashes like every other: one pair.
        var batch: [Declaration] = []
        for number in 0..<20 {
            var other = consignment(number)[1]
            other.transportDocuments = []
            other.invoice = nil
            batch.append(other)
        }
        var export = consignment(19)[0]
        export.transportDocuments = [TransportDocument(type: "SMGS", number: "55555555")]
        export.invoice = Invoice(number: "INV-X", currency: nil, amount: nil)
        batch.append(export)
        var reconciler = Reconciler()
        reconciler.matcher.keyHash = { _ in 0 }
        let result = reconciler.reconcile(batch)
        #expect(result.pairs.map { [$0.export.key, $0.counterpart.key] } == [["CN-19", "KZ-19"]])
        #expect(result.pairs.first?.matchedBy == ["container"])
        let groups = reconciler.matcher.groups(batch).groups
        #expect(groups == [ConsignmentGroup(exports: [20], counterparts: [19], pairs: [MatchedPair(export: 20, counterpart: 19, matchedBy: ["container"])])])
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func copiesWhoseIdentityHashesCollideAreToldApart(seed: UInt64) {
        let batch = messyBatch(seed: seed, count: 400)
        let latest = ReferenceReconciler.latest(batch)
        for hash in [{ _ in 0 }, { UInt64($0.id.utf8.count) }] as [(DeclarationCopies.Identity) -> UInt64] {
            let counted = CountingDeclarations(batch)
            let positions = DeclarationCopies.latestIndices(counted, identityHash: hash)
            #expect(positions.map { batch[$0] } == latest)
        }
        let counted = CountingDeclarations(batch)
        #expect(DeclarationCopies.latestIndices(counted).map { batch[$0] } == latest)
        // Read once each, and once more for each copy met (to confirm it is one).
        #expect(counted.counter.total <= batch.count + (batch.count - latest.count) + 1)
    }
}

/// A finding's rule and the declarations it names.
private struct Triple: Equatable {
    var rule: String
    var declaration: String?
    var counterpart: String?

    init(rule: String, declaration: String?, counterpart: String?) {
        self.rule = rule
        self.declaration = declaration
        self.counterpart = counterpart
    }

    init(_ finding: Finding) {
        self.init(rule: finding.rule, declaration: finding.declaration, counterpart: finding.counterpart)
    }
}

/// Declarations read by index (every read counted) that also give their ``MatchFacts``, noted as
/// a batch notes them while its files are read: `files` lists of consecutive declarations.
private struct NotedDeclarations: DeclarationCollection, MatchFactsProviding {
    let counted: CountingDeclarations
    let matchFacts: MatchFactsTable?

    init(_ base: [Declaration], files: Int) {
        counted = CountingDeclarations(base)
        var lists: [MatchFacts?] = []
        for file in 0..<files {
            var facts = MatchFacts()
            for declaration in base[base.count * file / files..<base.count * (file + 1) / files] { facts.append(declaration) }
            facts.finish()
            lists.append(facts)
        }
        matchFacts = MatchFactsTable(lists)
    }

    var startIndex: Int { 0 }
    var endIndex: Int { counted.base.count }
    subscript(position: Int) -> Declaration { counted[position] }
}

@Suite struct MatchFactsTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func notedFactsAreWhatTheMatcherReadsOfEachDeclaration(seed: UInt64) throws {
        var batch = messyBatch(seed: seed, count: 500)
        // Lodged before the epoch (a negative count of seconds), and an identifier of 300 bytes.
        batch[0].lodgedOn = "1969-12-31T23:59:59"
        batch[1].direction = .import
        batch[1].containers = ["A" + String(repeating: "7", count: 299)]
        batch[1].invoice = Invoice(number: String(repeating: "9", count: 300), currency: nil, amount: nil)
        let table = try #require(NotedDeclarations(batch, files: 3).matchFacts)
        #expect(table.count == batch.count)
        #expect(table.fact(at: 0).lodged == -1)
        #expect(table.fact(at: 1).keys.last?.value.utf8.count == 300)
        for (position, declaration) in batch.enumerated() {
            let noted = table.fact(at: position)
            let read = MatchFact(declaration)
            #expect(noted.side == read.side)
            #expect(noted.lodged == read.lodged)
            #expect(noted.country == read.country)
            #expect(noted.keys == read.keys)
            #expect(table.keys(at: position) == read.keys)
        }
    }

    @Test func aSmallFileTakesNoWholeBlockAndABigOneLittleSpareRoom() {
        // A batch of ten thousand files of one declaration must not take 64 KiB a file.
        var small = MatchFacts()
        small.append(consignment(1)[0])
        small.finish()
        #expect(small.allocatedBytes < 512)
        var big = MatchFacts()
        for number in 0..<6_000 { for declaration in consignment(number) { big.append(declaration) } }
        big.finish()
        #expect(big.count == 12_000)
        // About 45 bytes a record and 4 to find it; at most one block's spare room besides.
        #expect(big.allocatedBytes < 12_000 * 60 + 65_536)
        #expect(big.keys(at: 11_999) == MatchKeys.keys(of: consignment(5_999)[1]))
    }

    @Test func aSequenceWithAnIncompleteListHasNoFacts() {
        var incomplete = MatchFacts()
        var declaration = Declaration(sourceFormat: "cbd-xml", source: SourceLocation(file: "a.xml"))
        declaration.direction = .import
        // One record over 64 KiB: the facts are given up, never used half-noted.
        declaration.invoice = Invoice(number: String(repeating: "1", count: 70_000), currency: nil, amount: nil)
        incomplete.append(declaration)
        #expect(!incomplete.isComplete)
        #expect(incomplete.count == 0)
        #expect(MatchFactsTable([MatchFacts(), incomplete]) == nil)
        #expect(MatchFactsTable([MatchFacts(), nil]) == nil)
        #expect(MatchFactsTable([MatchFacts()])?.count == 0)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func matchingOnNotedFactsGivesTheSameGroupsAndFindings(seed: UInt64) {
        let batch = messyBatch(seed: seed, count: 700)
        let reference = ReconciliationOutline(ReferenceReconciler.reconcile(batch))
        let positions = DeclarationCopies.latestIndices(batch)
        for files in [1, 4] {
            let noted = NotedDeclarations(batch, files: files)
            #expect(ConsignmentMatcher().groups(noted, at: positions) == ConsignmentMatcher().groups(batch, at: positions))
            #expect(ReconciliationOutline(Reconciler().reconcile(NotedDeclarations(batch, files: files))) == reference)
            #expect(Reconciler().mirrorFindings(NotedDeclarations(batch, files: files)) == reference.mirrorFindings)
            #expect(Reconciler().mirrorFindings(NotedDeclarations(batch, files: files), at: positions) == reference.mirrorFindings)
        }
    }

    @Test func exportsMatchedInPartsOnTwoThreadsGiveTheSameMatching() {
        // Messy consignments and 9,000 clean pairs: more slots than one part takes.
        var batch = messyBatch(seed: 7, count: 2_000)
        for number in 0..<9_000 { batch += consignment(number, importGross: number % 500 == 3 ? "19700" : "18240.5") }
        let positions = DeclarationCopies.latestIndices(batch)
        #expect(positions.count > 2 * ConsignmentMatcher.slotsPerPart)
        let one = ConsignmentMatcher().match(NotedDeclarations(batch, files: 2), at: positions, partyEvidence: false)
        let noted = NotedDeclarations(batch, files: 2)
        let two = ConsignmentMatcher().match(noted, at: positions, partyEvidence: false, jobs: 2)
        #expect(noted.counted.counter.total == 0, "matching on noted facts reads no declaration")
        #expect(one.links.count > 9_000)
        #expect(two.links.map { [$0.export, $0.counterpart, Int32($0.evidence.rawValue)] } == one.links.map { [$0.export, $0.counterpart, Int32($0.evidence.rawValue)] })
        #expect(two.sides == one.sides)
        let read = ConsignmentMatcher().match(batch, at: positions, partyEvidence: false)
        #expect(read.links.map { [$0.export, $0.counterpart, Int32($0.evidence.rawValue)] } == one.links.map { [$0.export, $0.counterpart, Int32($0.evidence.rawValue)] })
        var collide = ConsignmentMatcher()
        // A hash of 12 bits: about ten identifiers of a kind share each.
        collide.keyHash = { UInt64(truncatingIfNeeded: $0.hashValue) & 0xFFF }
        let collided = collide.match(NotedDeclarations(batch, files: 2), at: positions, partyEvidence: false, jobs: 2)
        #expect(collided.links.map { [$0.export, $0.counterpart, Int32($0.evidence.rawValue)] } == one.links.map { [$0.export, $0.counterpart, Int32($0.evidence.rawValue)] })
    }

    @Test func mirrorFindingsOnNotedFactsReadOnlyTheDeclarationsTheyCompare() {
        var batch: [Declaration] = []
        for number in 0..<2_000 {
            batch += consignment(number, importGross: number % 100 == 3 ? "19700" : "18240.5")
        }
        for number in 2_000..<2_010 { batch.append(consignment(number)[0]) }
        let noted = NotedDeclarations(batch, files: 3)
        let positions = Array(batch.indices)
        let findings = Reconciler().mirrorFindings(noted, at: positions)
        #expect(findings == Reconciler().mirrorFindings(batch))
        #expect(findings.count == 20)
        // Matching read none: each declaration of a group is read once, to compare it; the
        // exports without counterpart never.
        #expect(noted.counted.counter.reads[..<4_000].allSatisfy { $0 == 1 })
        #expect(noted.counted.counter.reads[4_000...].allSatisfy { $0 == 0 })
    }
}
