public import CustomsCore
import CustomsReconcile
import Dispatch
import Foundation
import Synchronization

/// Processes the files of a batch on `jobs` worker threads (both cores by default) and returns
/// the results in the order of the files, whatever order they finished in.
public struct BatchRunner: Sendable {
    public var processor: FileProcessor

    public init(configuration: PipelineConfiguration) {
        processor = FileProcessor(configuration: configuration)
    }

    /// `progress` is called after each file with the number done so far (from worker threads).
    public func run(_ files: [String], progress: (@Sendable (Int) -> Void)? = nil) -> [FileResult] {
        var ordered = processed(files, progress: progress)
        BatchChecks.markDuplicates(&ordered)
        BatchTiming.attach(&ordered, configuration: processor.configuration)
        return ordered
    }

    /// ``run(_:progress:)``, with `crossFile` — another cross-file stage over the batch's
    /// declarations, e.g. `validate`'s mirror findings — run on a second thread while the timing
    /// stage runs on this one (one after the other with one job); returns the results and what
    /// `crossFile` found. `crossFile` gets the batch and the positions of the latest copy of each
    /// declaration (``CustomsCore/DeclarationCopies/latestIndices(_:)``, found once for both).
    public func run(
        _ files: [String], progress: (@Sendable (Int) -> Void)? = nil,
        alongsideTiming crossFile: @escaping @Sendable (BatchDeclarations, _ latest: [Int]) -> [Finding]
    ) -> (results: [FileResult], findings: [Finding]) {
        var ordered = processed(files, progress: progress)
        // What the matcher reads, noted as the files were read: the batch hands it over once.
        let facts = MatchFactsTable(ordered.indices.map { ordered[$0].declarations.takeMatchFacts() })
        let batch = BatchDeclarations(ordered, matchFacts: facts)
        // From the identity hashes kept as each declaration was read: no pass over the batch.
        let latest = DeclarationCopies.latestIndices(batch.headers, identityHashesByFile: ordered.map(\.declarations.identityHashes))
        guard processor.configuration.jobs > 1 else {
            BatchChecks.markDuplicates(&ordered)
            BatchTiming.attach(&ordered, configuration: processor.configuration, batch: batch.headers, latest: latest)
            return (ordered, crossFile(batch, latest))
        }
        let found = LockedValue<[Finding]>([])
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let findings = crossFile(batch, latest)
            found.withLock { $0 = findings }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        // Duplicates are marked while `crossFile` runs: it reads the declarations, not the findings.
        BatchChecks.markDuplicates(&ordered)
        BatchTiming.attach(&ordered, configuration: processor.configuration, batch: batch.headers, latest: latest)
        done.wait()
        return (ordered, found.withLock { $0 })
    }

    /// The results of the per-file stages, in file order (duplicates not marked yet).
    ///
    /// Each worker puts a file's result straight into its place in the batch: each index is taken
    /// by one worker only, and every index is taken before `concurrentPerform` returns, so the
    /// results are neither copied nor collected afterwards.
    private func processed(_ files: [String], progress: (@Sendable (Int) -> Void)?) -> [FileResult] {
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let workers = min(processor.configuration.jobs, max(files.count, 1))
        let processor = self.processor
        return [FileResult](unsafeUninitializedCapacity: files.count) { places, initialized in
            nonisolated(unsafe) let places = places
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard index < files.count else { return }
                    (places.baseAddress! + index).initialize(to: processor.process(files[index]))
                    let count = done.add(1, ordering: .relaxed).newValue
                    progress?(count)
                }
            }
            initialized = files.count
        }
    }
}

/// Checks across the files of one batch.
enum BatchChecks {
    /// The same bytes received twice under different names: `file.duplicate` on the later file,
    /// naming the earlier one.
    static func markDuplicates(_ results: inout [FileResult]) {
        confirmFingerprints(&results)
        // Room for every file at once; each file's hash is looked up once, the first file kept
        // back in its place in the rare case of a duplicate.
        var firstByHash: [String: String] = [:]
        firstByHash.reserveCapacity(results.count)
        for index in results.indices {
            guard let hash = results[index].sha256, (results[index].size ?? 0) > 0 else { continue }
            if let earlier = firstByHash.updateValue(results[index].file, forKey: hash) {
                firstByHash[hash] = earlier
                results[index].findings.insert(Finding(
                    rule: "file.duplicate", message: "the same content (SHA-256 \(hash.prefix(12))…) was already received as \(earlier)",
                    file: results[index].file), at: 0)
            }
        }
    }

    /// Gives the files read without their SHA-256 (``PipelineConfiguration/hashesEveryFile``)
    /// their SHA-256 where another file of the batch may hold the same bytes — reading them
    /// again: only the SHA-256 says two contents are the same. The same bytes have the same size
    /// and read the same: the same declarations in the same order (their identity hashes), or,
    /// for files without a declaration, the same ``FileResult/fingerprint``. Files that differ
    /// and still match so (a declaration amended in place, same length) are only hashed.
    static func confirmFingerprints(_ results: inout [FileResult]) {
        enum Read: Hashable {
            case declarations([UInt64?])
            case bytes(Int)
        }
        struct Sized: Hashable {
            var size: Int
            var read: Read
        }
        var first: [Sized: Int] = [:]
        var matched = Set<Int>()
        for index in results.indices where results[index].sha256 == nil {
            guard let size = results[index].size, size > 0 else { continue }
            let identities = results[index].declarations.identityHashes
            let read: Read
            if !identities.isEmpty {
                read = .declarations(identities)
            } else if let fingerprint = results[index].fingerprint {
                read = .bytes(fingerprint)
            } else {
                continue
            }
            let sized = Sized(size: size, read: read)
            if let earlier = first[sized] {
                matched.formUnion([earlier, index])
            } else {
                first[sized] = index
            }
        }
        for index in matched.sorted() {
            // Bytes that are no longer those read (the file changed since) say nothing of them.
            guard let again = try? FileFacts.read(results[index].file).get(), again.size == results[index].size else { continue }
            results[index].sha256 = again.sha256
        }
    }
}
