import CustomsStore
import CustomsTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Files delivered the ways other systems deliver them: written in place slowly, renamed in,
/// named alike, sent twice, left with names the daemon must ignore.
@Suite(.serialized) struct DeliveryTests {
    @Test func slowWritersAndRenamesAreEachProcessedOnceFromTheirCompleteContent() throws {
        let daemon = try WatchDaemon(root: TestPaths.scratch())
        let count = 200
        let contents = Dictionary(uniqueKeysWithValues: (0..<count).map { n in
            (String(format: "dec-%03d.xml", n), SampleDeclarations.export(n))
        })
        let names = contents.keys.sorted()
        DispatchQueue.concurrentPerform(iterations: 8) { lane in
            for (index, name) in names.enumerated() where index % 8 == lane {
                let data = contents[name]!
                if index % 2 == 0 {
                    // In place, in three chunks with pauses, the file held open from creation to close.
                    let descriptor = open(daemon.inbox.appendingPathComponent(name).path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                    let third = data.count / 3
                    for (start, end) in [(0, third), (third, 2 * third), (2 * third, data.count)] {
                        _ = data.subdata(in: start..<end).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                        Thread.sleep(forTimeInterval: 0.03)
                    }
                    close(descriptor)
                } else {
                    try! daemon.deliverByRename(name, data)
                }
            }
        }
        #expect(WatchDaemon.waitUntil { daemon.filedCount >= count && daemon.inboxIsEmpty })
        Thread.sleep(forTimeInterval: 1.5)  // one more safety rescan: nothing may come twice
        #expect(daemon.terminate() == 0, "\(daemon.log.suffix(2000))")
        #expect(WatchDaemon.names(daemon.processed) == names, "rejected: \(WatchDaemon.names(daemon.rejected))")
        #expect(WatchDaemon.names(daemon.reports) == names.map { $0 + ".json" })
        for name in names {
            #expect(try Data(contentsOf: daemon.processed.appendingPathComponent(name)) == contents[name])
            let report = try Reports.json(daemon.reports.appendingPathComponent(name + ".json"))
            let file = (report["files"] as? [[String: Any]])?.first
            #expect((file?["declarations"] as? [[String: Any]])?.count == 1)
            #expect(!Reports.rules(report).contains { $0.hasPrefix("xml.") || $0 == "file.empty" })
        }
        #expect(try DeclarationStore(path: daemon.database.path).counts().files == count)
        #expect(daemon.log.split(separator: "\n").filter { $0.contains("file processed") }.count == count)
    }

    @Test func twoDifferentFilesWithOneNameAreBothKept() throws {
        let daemon = try WatchDaemon(root: TestPaths.scratch())
        try daemon.deliverByRename("same.xml", SampleDeclarations.export(1))
        #expect(WatchDaemon.waitUntil { daemon.filedCount == 1 })
        try daemon.deliverByRename("same.xml", SampleDeclarations.export(2))
        #expect(WatchDaemon.waitUntil { daemon.filedCount == 2 })
        #expect(daemon.terminate() == 0)
        #expect(WatchDaemon.names(daemon.processed) == ["same (2).xml", "same.xml"])
        #expect(WatchDaemon.names(daemon.reports) == ["same (2).xml.json", "same.xml.json"])
        #expect(try Data(contentsOf: daemon.processed.appendingPathComponent("same.xml")) == SampleDeclarations.export(1))
        #expect(try Data(contentsOf: daemon.processed.appendingPathComponent("same (2).xml")) == SampleDeclarations.export(2))
    }

    @Test func theSameContentTwiceIsOneDuplicateNamingTheFirst() throws {
        let daemon = try WatchDaemon(root: TestPaths.scratch())
        try daemon.deliverByRename("first.xml", SampleDeclarations.export(7))
        #expect(WatchDaemon.waitUntil { daemon.filedCount == 1 })
        try daemon.deliverByRename("again.xml", SampleDeclarations.export(7))
        #expect(WatchDaemon.waitUntil { daemon.filedCount == 2 })
        #expect(daemon.terminate() == 0)
        #expect(WatchDaemon.names(daemon.processed) == ["first.xml"])
        #expect(WatchDaemon.names(daemon.rejected) == ["again.xml"])
        let report = try Reports.json(daemon.reports.appendingPathComponent("again.xml.json"))
        let findings = (report["files"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]] ?? []
        let duplicates = findings.filter { $0["rule"] as? String == "file.duplicate" }
        #expect(duplicates.count == 1)
        #expect((duplicates.first?["message"] as? String)?.contains(daemon.processed.appendingPathComponent("first.xml").path) == true)
        #expect(!Reports.rules(try Reports.json(daemon.reports.appendingPathComponent("first.xml.json"))).contains("file.duplicate"))
        #expect(try DeclarationStore(path: daemon.database.path).counts().files == 1)
    }

    /// Pairs of identical files waiting together when the daemon starts are decided in the same
    /// batches (the group commit): of each pair, one is processed and the other is its duplicate.
    @Test func twoIdenticalFilesArrivingAtOnceAreOneProcessedAndOneDuplicate() throws {
        let root = try TestPaths.scratch()
        let inbox = root.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let pairs = 40
        for n in 0..<pairs {
            for side in ["a", "b"] {
                try SampleDeclarations.export(70_000 + n).write(to: inbox.appendingPathComponent(String(format: "twin-%02d-%@.xml", n, side)))
            }
        }
        let daemon = try WatchDaemon(root: root)
        #expect(WatchDaemon.waitUntil { daemon.filedCount >= 2 * pairs && daemon.inboxIsEmpty })
        #expect(daemon.terminate() == 0)
        let processed = WatchDaemon.names(daemon.processed)
        let rejected = WatchDaemon.names(daemon.rejected)
        #expect(processed.count == pairs && rejected.count == pairs)
        for n in 0..<pairs {
            let twins = ["a", "b"].map { String(format: "twin-%02d-%@.xml", n, $0) }
            let kept = twins.filter(processed.contains)
            let copies = twins.filter(rejected.contains)
            #expect(kept.count == 1 && copies.count == 1, "\(twins): processed \(kept), rejected \(copies)")
            guard let original = kept.first, let copy = copies.first else { continue }
            let report = try Reports.json(daemon.reports.appendingPathComponent(copy + ".json"))
            let findings = (report["files"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]] ?? []
            let duplicates = findings.filter { $0["rule"] as? String == "file.duplicate" }
            #expect(duplicates.count == 1)
            #expect((duplicates.first?["message"] as? String)?.contains(daemon.processed.appendingPathComponent(original).path) == true)
            #expect(!Reports.rules(try Reports.json(daemon.reports.appendingPathComponent(original + ".json"))).contains("file.duplicate"))
        }
        #expect(try DeclarationStore(path: daemon.database.path).counts().files == pairs)
    }

    @Test func ignoredNamesStayInTheInboxUntouched() throws {
        let daemon = try WatchDaemon(root: TestPaths.scratch())
        for name in [".hidden.xml", "upload.tmp", "upload.xml.part"] {
            try SampleDeclarations.export(3).write(to: daemon.inbox.appendingPathComponent(name))
        }
        try daemon.deliverByRename("real.xml", SampleDeclarations.export(4))
        #expect(WatchDaemon.waitUntil { daemon.filedCount == 1 })
        Thread.sleep(forTimeInterval: 1.5)
        #expect(daemon.terminate() == 0)
        #expect(Set(WatchDaemon.names(daemon.inbox)) == ["upload.tmp", "upload.xml.part"])
        #expect(FileManager.default.fileExists(atPath: daemon.inbox.appendingPathComponent(".hidden.xml").path))
    }

    @Test func theImportReportNamesTheExportReceivedEarlier() throws {
        let daemon = try WatchDaemon(root: TestPaths.scratch())
        let export = try Data(contentsOf: URL(fileURLWithPath: TestPaths.sample("consignment-dostyk/cn-dec-export.xml")))
        let imported = try Data(contentsOf: URL(fileURLWithPath: TestPaths.sample("consignment-dostyk/eaeu-import.utf8.xml")))
        try daemon.deliverByRename("cn-export.xml", export)
        #expect(WatchDaemon.waitUntil { daemon.filedCount == 1 })
        try daemon.deliverByRename("kz-import.xml", imported)
        #expect(WatchDaemon.waitUntil { daemon.filedCount == 2 })
        #expect(daemon.terminate() == 0)
        let report = try Reports.json(daemon.reports.appendingPathComponent("kz-import.xml.json"))
        let top = report["findings"] as? [[String: Any]] ?? []
        #expect(top.contains { ($0["rule"] as? String)?.hasPrefix("mirror.") == true })
        #expect(top.contains { ($0["declaration"] as? String) == "650120250000123456" || ($0["counterpart"] as? String) == "650120250000123456" },
                "\(top)")
    }
}
