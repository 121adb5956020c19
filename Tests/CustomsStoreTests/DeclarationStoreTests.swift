import CustomsCore
import CustomsPipeline
import CustomsStore
import CustomsTestSupport
import Foundation
import Testing

@Suite struct DeclarationStoreTests {
    let configuration: PipelineConfiguration

    init() throws {
        configuration = try PipelineConfiguration.load()
    }

    private func process(_ path: String) -> FileResult {
        FileProcessor(configuration: configuration).process(path)
    }

    @Test func theSameFileTwiceIsStoredOnce() throws {
        let folder = try TestPaths.scratch()
        let store = try DeclarationStore(path: folder.appendingPathComponent("store.sqlite").path)
        let result = process(TestPaths.sample("cbd-rail-consignment-altynkol.xml"))
        let first = try store.record(result.snapshot, outcome: "valid")
        #expect(first.earlierPath == nil)
        let second = try store.record(result.snapshot, outcome: "valid")
        #expect(second.earlierPath == result.file)
        let counts = try store.counts()
        #expect(counts.files == 1)
        #expect(counts.declarations == 2)
        #expect(counts.events == 5)
    }

    @Test func storedDeclarationsComeBackWithTheirValues() throws {
        let folder = try TestPaths.scratch()
        let store = try DeclarationStore(path: folder.appendingPathComponent("store.sqlite").path)
        _ = try store.record(process(TestPaths.sample("consignment-dostyk/cn-dec-export.xml")).snapshot, outcome: "valid")
        let declarations = try store.latestDeclarations()
        let export = try #require(declarations.first)
        #expect(export.id == "650120250000123456")
        #expect(export.sourceFormat == "cn-dec")
        #expect(export.totals?.grossMassKg == Decimal(string: "16790"))
        #expect(export.goodsItems.map(\.hsCode) == ["843149", "840999"])
        #expect(export.goodsItems[1].unitPrice == Decimal(string: "2.4018"))
        #expect(export.containers == ["CSQU3054383"])
    }

    @Test func aChangedDeclarationIsANewVersion() throws {
        let folder = try TestPaths.scratch()
        let store = try DeclarationStore(path: folder.appendingPathComponent("store.sqlite").path)
        var result = process(TestPaths.sample("consignment-dostyk/cn-dec-export.xml"))
        _ = try store.record(result.snapshot, outcome: "valid")
        result.sha256 = String(repeating: "a", count: 64)
        result.file = "amended/cn-dec-export.xml"
        result.declarations[0].totals?.grossMassKg = Decimal(string: "18200")
        let receipt = try store.record(result.snapshot, outcome: "valid")
        let amended = try #require(receipt.amendments.first)
        #expect(amended.rule == "declaration.amended")
        #expect(amended.message.contains("replaces version 1 received in \(TestPaths.sample("consignment-dostyk/cn-dec-export.xml")); this is version 2"))
        let latest = try store.latestDeclarations()
        #expect(latest.count == 1)
        #expect(latest[0].totals?.grossMassKg == Decimal(string: "18200"))
        #expect(try store.counts().declarations == 2)
    }

    @Test func aFileThatIsNoDatabaseIsRefused() throws {
        let folder = try TestPaths.scratch()
        let path = folder.appendingPathComponent("not-a-database.sqlite").path
        try "this is not SQLite".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: StoreError.self) { try DeclarationStore(path: path) }
        let outcome = try CommandRunner.run(["reconcile", "--db", path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("is not a customs store"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "this is not SQLite")
    }

    @Test func aStoreFromANewerVersionIsRefused() throws {
        let folder = try TestPaths.scratch()
        let path = folder.appendingPathComponent("newer.sqlite").path
        _ = try DeclarationStore(path: path)
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO grdb_migrations VALUES ('v99')\"); c.commit()", path]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
        let outcome = try CommandRunner.run(["validate", "--db", path, "Samples/cbd-rail-consignment-altynkol.xml"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("written by a newer version of customs"))
    }

    @Test func anExportStoredOnMondayMatchesTheImportOfFriday() throws {
        let folder = try TestPaths.scratch()
        let db = folder.appendingPathComponent("store.sqlite").path
        let monday = try CommandRunner.run(["validate", "--db", db, "Samples/consignment-dostyk/cn-dec-export.xml"])
        #expect(monday.status == 0)
        #expect(!monday.stdout.contains("mirror."))
        let friday = try CommandRunner.run(["validate", "--format", "json", "--db", db, "Samples/consignment-dostyk/eaeu-import.cp1251.xml"])
        #expect(friday.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(friday.stdout.utf8)) as? [String: Any])
        let mirror = try #require(json["findings"] as? [[String: Any]])
        #expect(mirror.compactMap { $0["rule"] as? String }.sorted() == ["mirror.hs", "mirror.mass"])
        #expect(mirror.allSatisfy { $0["declaration"] as? String == "650120250000123456" })
        #expect(mirror.allSatisfy { $0["counterpart"] as? String == "6E1F0A52-3C7B-4D21-9A8E-5B20C4F7D913" })
        let pairs = try CommandRunner.run(["reconcile", "--format", "json", "--db", db])
        let reconciled = try #require(try JSONSerialization.jsonObject(with: Data(pairs.stdout.utf8)) as? [String: Any])
        let pair = try #require((reconciled["pairs"] as? [[String: Any]])?.first)
        #expect(pair["export"] as? String == "650120250000123456")
        #expect(pair["matchedBy"] as? [String] == ["container"])
    }
}

@Suite struct StoredTimingTests {
    @Test func receiptsOfALaterRunJoinTheStoredDeclarations() throws {
        let folder = try TestPaths.scratch()
        let db = folder.appendingPathComponent("store.sqlite").path
        let first = try CommandRunner.run(["timing", "--db", db, "Samples/consignment-dostyk/eaeu-import.cp1251.xml"])
        #expect(first.status == 0)
        let later = try CommandRunner.run(["timing", "--format", "json", "--db", db, "Samples/consignment-dostyk/customs-receipts.csv"])
        #expect(later.status == 0, "\(later.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(later.stdout.utf8)) as? [String: Any])
        let declarations = try #require(json["declarations"] as? [[String: Any]])
        let kazakh = try #require(declarations.first { $0["id"] as? String == "6E1F0A52-3C7B-4D21-9A8E-5B20C4F7D913" })
        let intervals = try #require(kazakh["intervals"] as? [String: Int])
        // Acceptance 10:31 and release 13:02 from the receipts; lodgement 10:15 from the stored declaration.
        #expect(intervals["acceptanceToRelease"] == 9_060)
        #expect(intervals["lodgementToAcceptance"] == 960)
    }
}
