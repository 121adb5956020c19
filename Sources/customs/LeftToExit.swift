import CustomsCore

/// What a command still holds once its output is written, left for the end of the process to
/// free: the kernel takes the memory back at once, where freeing a batch's results object by
/// object (10,000 files: their declarations, goods items and findings) took a tenth of
/// `validate`'s time on one core after the last byte was out.
///
/// Only for values nothing else is waiting on: no file, no lock, no temporary file is released
/// late by it (the declaration spill is removed from its folder as soon as it is opened). The
/// values stay reachable from here to the end, so a leak checker counts them in use, not lost.
enum LeftToExit {
    private static let kept = LockedValue<[any Sendable]>([])

    /// Keeps `value` until the process ends.
    static func keep(_ value: some Sendable) {
        kept.withLock { $0.append(value) }
    }
}
