/// Which names in the inbox are files to process.
///
/// Dot-files (including the work folder), `*.tmp` and `*.part` are a writer's files in progress
/// or the daemon's own, and are never read.
public enum InboxNames {
    public static func isCandidate(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && !name.hasSuffix(".tmp") && !name.hasSuffix(".part")
    }

    /// `name`, then `stem (2).ext`, `stem (3).ext`, ...: the names tried, in order, for a file that
    /// must not overwrite an earlier one of the same name.
    static func candidate(_ name: String, attempt: Int) -> String {
        guard attempt > 1 else { return name }
        let dot = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : $0 }
        guard let dot else { return "\(name) (\(attempt))" }
        return "\(name[..<dot]) (\(attempt))\(name[dot...])"
    }
}

/// The name of a claimed file in `INBOX/.customs-work/`: it carries everything recovery needs.
///
/// Form: `ID.STATE~NAME`, where `ID` is unique to the claim (time, process, counter; no `.` or
/// `~`), `STATE` is `c` (claimed: `NAME` is the name it had in the inbox) or `p` / `r` (decided:
/// the file goes to `processed/` or `rejected/` as `NAME`, a name reserved for it there and in
/// `reports/`).
struct WorkName: Hashable, Sendable {
    enum State: String, Sendable {
        case claimed = "c"
        case processed = "p"
        case rejected = "r"
    }

    var id: String
    var state: State
    var name: String

    var fileName: String { "\(id).\(state.rawValue)~\(name)" }

    /// The decided outcome, `nil` while only claimed.
    var outcome: InboxOutcome? {
        switch state {
        case .claimed: nil
        case .processed: .processed
        case .rejected: .rejected
        }
    }

    init(id: String, state: State, name: String) {
        self.id = id
        self.state = state
        self.name = name
    }

    /// `nil` for a name the daemon did not write (left alone).
    init?(fileName: String) {
        guard let tilde = fileName.firstIndex(of: "~") else { return nil }
        let head = fileName[..<tilde]
        let name = String(fileName[fileName.index(after: tilde)...])
        guard let dot = head.lastIndex(of: "."), !name.isEmpty,
              let state = State(rawValue: String(head[head.index(after: dot)...])) else { return nil }
        let id = String(head[..<dot])
        guard !id.isEmpty, !id.contains("~") else { return nil }
        self.init(id: id, state: state, name: name)
    }

    func deciding(_ outcome: InboxOutcome, as finalName: String) -> WorkName {
        WorkName(id: id, state: outcome == .processed ? .processed : .rejected, name: finalName)
    }
}
