import Foundation

/// How the daemon runs: workers, the bound on queued names, the safety rescan.
public struct InboxSettings: Sendable {
    /// Files computed at once (`--jobs`); at least 1.
    public var jobs: Int
    /// Files in hand at once (one worker thread each), at least `jobs`: the workers beyond `jobs`
    /// wait on the disk (group commit, report, final move) while others compute.
    public var filesInHand: Int
    /// At most this many files are decided and recorded in one group commit.
    public var maxBatch: Int
    /// At most this many names wait in memory; the rest wait in the inbox itself.
    public var queueCapacity: Int
    /// Seconds between safety rescans of the inbox and the work folder (missed events, retries).
    public var rescanInterval: Double
    /// `--max-findings` for each report.
    public var maxFindings: Int?

    public init(
        jobs: Int? = nil, filesInHand: Int? = nil, maxBatch: Int = 256, queueCapacity: Int = 1024, rescanInterval: Double = 30,
        maxFindings: Int? = nil
    ) {
        self.jobs = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        self.filesInHand = max(self.jobs, filesInHand ?? self.jobs * 16)
        self.maxBatch = max(1, maxBatch)
        self.queueCapacity = max(1, queueCapacity)
        self.rescanInterval = max(0.1, rescanInterval)
        self.maxFindings = maxFindings
    }
}
