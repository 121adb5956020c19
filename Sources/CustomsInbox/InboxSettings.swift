import Foundation

/// How the daemon runs: workers, the bound on queued names, the safety rescan.
public struct InboxSettings: Sendable {
    /// Worker threads (`--jobs`); at least 1.
    public var jobs: Int
    /// At most this many names wait in memory; the rest wait in the inbox itself.
    public var queueCapacity: Int
    /// Seconds between safety rescans of the inbox and the work folder (missed events, retries).
    public var rescanInterval: Double
    /// `--max-findings` for each report.
    public var maxFindings: Int?

    public init(jobs: Int? = nil, queueCapacity: Int = 1024, rescanInterval: Double = 30, maxFindings: Int? = nil) {
        self.jobs = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        self.queueCapacity = max(1, queueCapacity)
        self.rescanInterval = max(0.1, rescanInterval)
        self.maxFindings = maxFindings
    }
}
