/// How soon after registration a declaring authority must (or aims to) release goods.
///
/// Default data (`Schemas/release-targets.csv`): release within 4 hours (14,400 s) of the
/// registration of the declaration for declarations lodged in an EAEU member state (KZ, RU, BY,
/// AM, KG) — the EAEU Customs Code's release period, extendable up to one working day (document
/// request, amendment); the article number is not verified here (DOMAIN.md, "Clearance timing").
/// Registration is the `acceptance` milestone; when no acceptance is recorded, `lodgement`.
/// Other authorities get a row of their own in the same table.
public struct ReleaseTarget: Sendable, Hashable {
    /// ISO 3166-1 alpha-2 of the declaring authority.
    public var country: String
    /// The longest time from registration to release, in seconds.
    public var limitSeconds: Int64
    /// The milestone the limit runs from; ``fallback`` when that one is not recorded.
    public var from: Milestone
    public var fallback: Milestone?
    /// Where the limit comes from, for messages.
    public var source: String

    public init(country: String, limitSeconds: Int64, from: Milestone = .acceptance, fallback: Milestone? = .lodgement, source: String) {
        self.country = country
        self.limitSeconds = limitSeconds
        self.from = from
        self.fallback = fallback
        self.source = source
    }

    /// The milestone the limit runs from for these times, and when it was; `nil` when neither
    /// ``from`` nor ``fallback`` is recorded.
    public func start(in times: MilestoneTimes) -> (Milestone, Int64)? {
        if let at = times[from] { return (from, at.epochSeconds) }
        if let fallback, let at = times[fallback] { return (fallback, at.epochSeconds) }
        return nil
    }
}
