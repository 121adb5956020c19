public import CustomsCore

/// What the timing stage measures: one declaration with its events, or — for an event log whose
/// declaration is in no file — the events of one declaration id alone.
///
/// Built from a ``CustomsCore/Declaration`` (its events, its `lodgedAt`, and the loose events
/// carrying its id) or from loose events only (then `key` is the id and the group attributes are
/// unknown).
public struct TimingSubject: Sendable, Hashable {
    /// The declaration number, or the `declaration_id` of a loose event log.
    public var id: String?
    /// The declaration's `key`; for loose events, their declaration id.
    public var key: String
    /// ISO 3166-1 alpha-2 country of the declaring authority: picks its calendar, zone and target.
    public var declaringCountry: String?
    public var borderCrossing: String?
    public var transportMode: TransportMode?
    public var riskChannel: RiskChannel?
    /// The declaration's lodgement time, when the source has one.
    public var lodgedAt: Timestamp?
    public var events: [Event]
    /// Where the declaration starts (file and line or row), for the findings; `nil` for loose events.
    public var source: SourceLocation?

    public init(
        id: String?, key: String, declaringCountry: String? = nil, borderCrossing: String? = nil,
        transportMode: TransportMode? = nil, riskChannel: RiskChannel? = nil, lodgedAt: Timestamp? = nil,
        events: [Event], source: SourceLocation? = nil
    ) {
        self.id = id
        self.key = key
        self.declaringCountry = declaringCountry
        self.borderCrossing = borderCrossing
        self.transportMode = transportMode
        self.riskChannel = riskChannel
        self.lodgedAt = lodgedAt
        self.events = events
        self.source = source
    }

    /// A declaration with its own events, plus `looseEvents` (events read elsewhere for its id).
    /// The declaration is borrowed: only the fields the subject keeps are copied.
    public init(_ declaration: borrowing Declaration, looseEvents: [Event] = []) {
        self.init(
            id: declaration.id, key: declaration.key, declaringCountry: declaration.declaringCountry,
            borderCrossing: declaration.borderCrossing, transportMode: declaration.transportMode,
            riskChannel: declaration.riskChannel, lodgedAt: declaration.lodgedAt,
            events: declaration.events + looseEvents, source: declaration.source)
    }

    /// The subjects of a batch: every declaration, with the loose events whose declaration id is
    /// its `id` attached; then one subject per loose-event id that matches no declaration (`SPEC.md`:
    /// "an event log alone can be timed"), in id order.
    public static func subjects(declarations: [Declaration], looseEvents: [String: [Event]] = [:]) -> [TimingSubject] {
        declarations.map { declaration in
            TimingSubject(declaration, looseEvents: declaration.id.flatMap { looseEvents[$0] } ?? [])
        } + looseSubjects(declarations: declarations, looseEvents: looseEvents)
    }

    /// The subjects of the loose events whose id matches none of `declarations`, in id order
    /// (the last of ``subjects(declarations:looseEvents:)``).
    static func looseSubjects<Declarations: Sequence<Declaration>>(
        declarations: Declarations, looseEvents: [String: [Event]]
    ) -> [TimingSubject] {
        guard !looseEvents.isEmpty else { return [] }
        // Only the loose ids are looked for: no set of every id of the batch.
        var unknown = Set(looseEvents.keys)
        for declaration in declarations {
            if let id = declaration.id { unknown.remove(id) }
            if unknown.isEmpty { break }
        }
        return unknown.sorted().map { id in
            TimingSubject(id: id, key: id, events: looseEvents[id] ?? [])
        }
    }
}
