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

    public static func < (lhs: Milestone, rhs: Milestone) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
