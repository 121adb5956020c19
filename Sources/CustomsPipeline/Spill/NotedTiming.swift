import CustomsCore
import CustomsTiming

/// The timing findings of each declaration of a file, found as the declaration is appended: the
/// timing stage times each declaration on its own (``CustomsTiming/TimingStage/time(_:)``), so a
/// batch without event logs needs no second reading of its declarations to time them.
///
/// Only the declarations with findings are kept (most have none). A finding's `declaration` is
/// the key the declaration had when appended; ``findings(at:key:)`` gives them with the key it
/// has when they are filed (keys are assigned once the file is read).
struct NotedTiming: Sendable {
    let stage: TimingStage
    /// The declarations noted.
    private(set) var count = 0
    /// The positions of the declarations with findings, ascending, and their findings.
    private var positions: [Int32] = []
    private var found: [[Finding]] = []

    init(stage: TimingStage) {
        self.stage = stage
    }

    mutating func append(_ declaration: Declaration) {
        // A declaration without events (most of a CSV's) is not timed: it can have no finding.
        if TimingStage.canFind(events: declaration.events) {
            let findings = stage.time(TimingSubject(declaration)).1
            if !findings.isEmpty {
                positions.append(Int32(truncatingIfNeeded: count))
                found.append(findings)
            }
        }
        count += 1
    }

    /// Whether no declaration has findings.
    var isEmpty: Bool { positions.isEmpty }

    /// The timing findings of the declaration at `position`, filed under `key` (called only for a
    /// declaration that has some: see ``hasFindings(at:)``).
    func findings(at position: Int, key: String) -> [Finding] {
        guard let index = index(of: position) else { return [] }
        return found[index].map { finding in
            var finding = finding
            finding.declaration = key
            return finding
        }
    }

    /// Whether the declaration at `position` has timing findings.
    func hasFindings(at position: Int) -> Bool {
        index(of: position) != nil
    }

    private func index(of position: Int) -> Int? {
        var low = 0
        var high = positions.count
        while low < high {
            let middle = (low + high) / 2
            if Int(positions[middle]) < position { low = middle + 1 } else { high = middle }
        }
        return low < positions.count && Int(positions[low]) == position ? low : nil
    }
}
