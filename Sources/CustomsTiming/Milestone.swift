/// A clearance milestone of the WCO Time Release Study, as the shared declaration's events name it
/// (`SPEC.md`, "The shared cross-border declaration": `events[].milestone`).
public enum Milestone: String, Sendable, Hashable, CaseIterable, Comparable {
    case arrival
    case lodgement
    /// Registration of the declaration by customs.
    case acceptance
    case inspectionStart = "inspection-start"
    case inspectionEnd = "inspection-end"
    case release
    case exit
    case transshipment

    /// The milestones the intervals are measured between, in their natural order; the group
    /// statistics count how many declarations lack each of them.
    public static let measured: [Milestone] = [.arrival, .lodgement, .acceptance, .release, .exit]

    /// Hashes the case, not its raw text: milestones key the times of every declaration timed.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ordinal)
    }

    /// The case's place in the declaration order.
    private var ordinal: UInt8 {
        switch self {
        case .arrival: 0
        case .lodgement: 1
        case .acceptance: 2
        case .inspectionStart: 3
        case .inspectionEnd: 4
        case .release: 5
        case .exit: 6
        case .transshipment: 7
        }
    }

    public static func < (lhs: Milestone, rhs: Milestone) -> Bool {
        lhs.ordinal < rhs.ordinal
    }
}
