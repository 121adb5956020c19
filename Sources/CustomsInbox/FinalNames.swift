import CustomsCore

/// The final names taken by files in flight, so that two files of the same name never get the
/// same one (`a.xml`, `a (2).xml`, ...).
///
/// A name is free when no file has it in `processed/` or `rejected/`, no report has it in
/// `reports/`, and no claimed file in the work folder carries it as its decided name. Names are
/// unique across `processed/` and `rejected/` together, so a report name is never shared.
final class FinalNames: Sendable {
    private let reserved = LockedValue<Set<String>>([])
    private let layout: InboxLayout

    init(layout: InboxLayout) {
        self.layout = layout
    }

    /// Reserves the name a decided work file already carries (recovery at start).
    func reserve(_ name: String) {
        reserved.withLock { _ = $0.insert(name) }
    }

    /// The first free name in the sequence of `name`, reserved for the caller.
    func choose(for name: String) -> String {
        reserved.withLock { reserved in
            var attempt = 1
            while true {
                let candidate = InboxNames.candidate(name, attempt: attempt)
                if !reserved.contains(candidate), !DurableFiles.exists(layout.processed + "/" + candidate),
                   !DurableFiles.exists(layout.rejected + "/" + candidate), !DurableFiles.exists(layout.reportPath(candidate)) {
                    reserved.insert(candidate)
                    return candidate
                }
                attempt += 1
            }
        }
    }

    /// The file has reached its folder under `name`: the folder itself now keeps the name taken.
    func release(_ name: String) {
        reserved.withLock { _ = $0.remove(name) }
    }
}
