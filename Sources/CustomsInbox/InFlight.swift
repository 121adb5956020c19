import CustomsCore

/// The claim ids a worker holds right now: a work file is finished by one worker at a time,
/// whatever its current work name (`ID.c~…` becomes `ID.p~…` while in hand).
final class InFlight: Sendable {
    private let ids = LockedValue<Set<String>>([])

    /// `false` when another worker holds `id`.
    func enter(_ id: String) -> Bool {
        ids.withLock { $0.insert(id).inserted }
    }

    func leave(_ id: String) {
        ids.withLock { _ = $0.remove(id) }
    }

    func contains(_ id: String) -> Bool {
        ids.withLock { $0.contains(id) }
    }
}
