import CustomsStore
import CustomsTestSupport
import Foundation
import Testing

/// `kill -9` and SIGTERM in the middle of a burst: nothing lost, nothing twice.
@Suite(.serialized) struct CrashTests {
    /// 2,000 files and 10 kills (about 25 s here); `CUSTOMS_CRASH_FILES` and `CUSTOMS_CRASH_KILLS`
    /// make a longer soak.
    static let files = Int(ProcessInfo.processInfo.environment["CUSTOMS_CRASH_FILES"] ?? "") ?? 2000
    static let kills = Int(ProcessInfo.processInfo.environment["CUSTOMS_CRASH_KILLS"] ?? "") ?? 10

    @Test func killNineAtRandomMomentsLosesNothingAndRepeatsNothing() throws {
        let root = try TestPaths.scratch()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        let contents = Dictionary(uniqueKeysWithValues: (0..<Self.files).map { n in
            (String(format: "burst-%05d.xml", n), SampleDeclarations.export(10_000 + n))
        })
        // Half are in the inbox before the first start, half arrive while the daemon is being killed.
        let names = contents.keys.sorted()
        let early = names.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let late = names.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        for name in early { try contents[name]!.write(to: root.appendingPathComponent("inbox/" + name)) }
        let deliverer = Thread {
            let staging = root.appendingPathComponent(".staging")
            try? FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            for name in late {
                try? contents[name]!.write(to: staging.appendingPathComponent(name))
                rename(staging.appendingPathComponent(name).path, root.appendingPathComponent("inbox/" + name).path)
                Thread.sleep(forTimeInterval: 0.002)
            }
        }
        deliverer.start()
        var generator = SystemRandomNumberGenerator()
        for run in 0..<Self.kills {
            let daemon = try WatchDaemon(root: root, run: run)
            Thread.sleep(forTimeInterval: Double.random(in: 0.3...1.5, using: &generator))
            daemon.kill9()
        }
        let final = try WatchDaemon(root: root, run: Self.kills)
        #expect(WatchDaemon.waitUntil(timeout: 600) { final.filedCount >= Self.files && final.inboxIsEmpty },
                "filed \(final.filedCount) of \(Self.files)")
        Thread.sleep(forTimeInterval: 1.5)
        #expect(final.terminate() == 0)

        let filed = WatchDaemon.names(final.processed) + WatchDaemon.names(final.rejected)
        #expect(filed.count == Self.files)
        #expect(Set(filed) == Set(names), "unexpected: \(Set(filed).subtracting(names).sorted().prefix(5))")
        #expect(Set(WatchDaemon.names(final.processed)).isDisjoint(with: WatchDaemon.names(final.rejected)))
        #expect(WatchDaemon.names(final.reports) == names.map { $0 + ".json" })
        #expect(try DeclarationStore(path: final.database.path).counts().files == Self.files)
        for name in WatchDaemon.names(final.processed) {
            #expect(try Data(contentsOf: final.processed.appendingPathComponent(name)) == contents[name])
        }
        for name in WatchDaemon.names(final.rejected) {
            Issue.record("rejected after a crash: \(name): \(Reports.rules(try Reports.json(final.reports.appendingPathComponent(name + ".json"))))")
        }
    }

    @Test func sigtermDuringABurstFinishesTheFilesInHandAndExitsZero() throws {
        let root = try TestPaths.scratch()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        let count = 600
        let names = (0..<count).map { String(format: "term-%04d.xml", $0) }
        for (n, name) in names.enumerated() {
            try SampleDeclarations.export(50_000 + n).write(to: root.appendingPathComponent("inbox/" + name))
        }
        let daemon = try WatchDaemon(root: root)
        #expect(WatchDaemon.waitUntil { daemon.filedCount >= 40 })
        #expect(daemon.terminate() == 0, "\(daemon.log.suffix(2000))")
        let filed = WatchDaemon.names(daemon.processed)
        let waiting = WatchDaemon.names(daemon.inbox)
        #expect(WatchDaemon.names(daemon.inbox.appendingPathComponent(".customs-work")).isEmpty)
        #expect(filed.count + waiting.count == count)
        #expect(Set(filed).isDisjoint(with: waiting))
        #expect(WatchDaemon.names(daemon.reports) == filed.map { $0 + ".json" })
        #expect(daemon.log.contains("shutting down"))

        let again = try WatchDaemon(root: root, run: 1)
        #expect(WatchDaemon.waitUntil { again.filedCount >= count && again.inboxIsEmpty })
        #expect(again.terminate() == 0)
        #expect(WatchDaemon.names(again.processed) == names)
        #expect(try DeclarationStore(path: again.database.path).counts().files == count)
    }
}
