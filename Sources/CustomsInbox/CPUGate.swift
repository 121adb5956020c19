import Dispatch

/// At most `slots` files in their CPU-bound steps (reading and validating, reconciling, writing
/// the report's JSON) at once, however many files are in hand.
///
/// The daemon holds more files than it has cores so that files waiting on the disk (a group
/// commit, a report's `fsync`, a final move) do not leave the cores idle, and so that each group
/// commit finds many files to take; this gate keeps `--jobs` the number of files computed at once.
final class CPUGate: Sendable {
    private let slots: DispatchSemaphore

    init(slots: Int) {
        self.slots = DispatchSemaphore(value: max(1, slots))
    }

    func run<T>(_ body: () -> T) -> T {
        slots.wait()
        defer { slots.signal() }
        return body()
    }
}
