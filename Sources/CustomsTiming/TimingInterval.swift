/// One of the six intervals of `SPEC.md` ("Timing output"), between two milestones.
public enum TimingInterval: String, Sendable, Hashable, CaseIterable {
    case arrivalToLodgement
    case lodgementToAcceptance
    case acceptanceToRelease
    case lodgementToRelease
    case arrivalToRelease
    case releaseToExit

    /// Hashes the case, not its raw text: intervals key the values of every declaration timed.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ordinal)
    }

    /// The case's place in the declaration order.
    private var ordinal: UInt8 {
        switch self {
        case .arrivalToLodgement: 0
        case .lodgementToAcceptance: 1
        case .acceptanceToRelease: 2
        case .lodgementToRelease: 3
        case .arrivalToRelease: 4
        case .releaseToExit: 5
        }
    }

    /// The milestone the interval starts at.
    public var from: Milestone {
        switch self {
        case .arrivalToLodgement, .arrivalToRelease: .arrival
        case .lodgementToAcceptance, .lodgementToRelease: .lodgement
        case .acceptanceToRelease: .acceptance
        case .releaseToExit: .release
        }
    }

    /// The milestone the interval ends at.
    public var to: Milestone {
        switch self {
        case .arrivalToLodgement: .lodgement
        case .lodgementToAcceptance: .acceptance
        case .acceptanceToRelease, .lodgementToRelease, .arrivalToRelease: .release
        case .releaseToExit: .exit
        }
    }

    /// True when the end milestone may not come before the start one: a negative value is then
    /// a `timing.order` fault and is left out of the group statistics. Arrival is not ordered
    /// against lodgement or release: a declaration lodged (even released) before the goods
    /// arrive is pre-arrival processing, a negative interval, not a fault.
    public var mustNotBeNegative: Bool {
        switch self {
        case .arrivalToLodgement, .arrivalToRelease: false
        default: true
        }
    }

    /// The column name in CSV output: `arrival_to_lodgement`, ...
    public var snakeCase: String {
        var text = ""
        for character in rawValue {
            if character.isUppercase { text += "_" + character.lowercased() } else { text.append(character) }
        }
        return text
    }

    /// How the interval reads in text output: `arrival → lodgement`.
    public var label: String { "\(from.rawValue) → \(to.rawValue)" }
}
