public import CustomsCore
import Dispatch
import Foundation

/// The outcome of reconciling a set of declarations (`SPEC.md`, "Reconcile output").
public struct Reconciliation: Sendable {
    public struct Pair: Sendable {
        public var export: Declaration
        public var counterpart: Declaration
        public var matchedBy: [String]
        /// The mirror findings of the pair's consignment group (shared by every pair of a split consignment).
        public var findings: [Finding]
        /// Every measure compared for the pair's consignment group, within tolerance or not.
        public var differences: [MirrorDifference] = []
    }

    public var pairs: [Pair]
    /// Exports with no counterpart yet.
    public var unmatched: [Declaration]
    /// `mirror.unmatched` findings: exports still without counterpart N days after lodgement,
    /// measured against the newest lodgement among the declarations, not the wall clock.
    public var unmatchedFindings: [Finding]

    /// Every mirror finding once (a split consignment's findings are shared by its pairs).
    public var mirrorFindings: [Finding] {
        var seen = Set<Finding>()
        return pairs.flatMap(\.findings).filter { seen.insert($0).inserted }
    }
}

/// Matches exports with their counterparts and runs the mirror checks.
public struct Reconciler: Sendable {
    public var matcher = ConsignmentMatcher()
    public var comparison: MirrorComparison

    public init(settings: ReconcileSettings = ReconcileSettings(), rates: ExchangeRates = ExchangeRates()) {
        comparison = MirrorComparison(settings: settings, rates: rates)
    }

    /// Reconciles `declarations`. Copies of the same declaration (same number, declaring country
    /// and direction — the same file re-sent in another encoding, or a harmonized copy) count once:
    /// the last one given.
    ///
    /// Declarations are read by index, a few times each, and only those of the pairs and the
    /// unmatched exports are kept (the result): `declarations` may decode them on access.
    public func reconcile<Declarations: DeclarationCollection>(
        _ declarations: Declarations
    ) -> Reconciliation {
        reconcile(declarations, at: DeclarationCopies.latestIndices(declarations))
    }

    /// ``reconcile(_:)`` of any sequence (e.g. `results.lazy.flatMap(\.declarations)`):
    /// the latest copies are gathered into an array first.
    public func reconcile<Declarations: Sequence<Declaration>>(_ declarations: Declarations) -> Reconciliation {
        let latest = DeclarationCopies.latest(declarations)
        return reconcile(latest, at: Array(latest.indices))
    }

    /// Reconciles the declarations at `positions` (distinct declarations: the latest copies).
    func reconcile<Declarations: DeclarationCollection>(
        _ declarations: Declarations, at positions: [Int]
    ) -> Reconciliation {
        let matching = matcher.match(declarations, at: positions)
        var pairs: [Reconciliation.Pair] = []
        matching.forEachGroup { group in
            let exports = group.exports.map { declarations[positions[Int($0)]] }
            let counterparts = group.counterparts.map { declarations[positions[Int($0)]] }
            let (findings, differences) = comparison.compare(exports: exports, counterparts: counterparts)
            for link in group.links {
                pairs.append(Reconciliation.Pair(
                    export: exports[link.export], counterpart: counterparts[link.counterpart],
                    matchedBy: link.evidence.matchedBy, findings: findings, differences: differences))
            }
        }
        let unmatchedSlots = matching.unmatchedExports
        let unmatched = unmatchedSlots.map { declarations[positions[Int($0)]] }
        let unmatchedFindings = unmatchedFindings(
            zip(unmatchedSlots.lazy.map { matching.lodged[Int($0)] }, unmatched), newest: matching.newestLodgement)
        return Reconciliation(pairs: pairs, unmatched: unmatched, unmatchedFindings: unmatchedFindings)
    }

    /// The mirror findings of ``reconcile(_:)`` alone, each once, in the same order, without
    /// keeping the pairs, their declarations or every measure compared (what `validate`
    /// reports: bounded memory for a batch of hundreds of thousands of declarations).
    ///
    /// Declarations are read by index and only one consignment group's are held at a time, so
    /// `declarations` may decode them on access (a batch kept on disk): what is kept besides the
    /// findings is about 25 bytes a declaration, 12 an identifier of a counterpart and 20 a pair.
    public func mirrorFindings<Declarations: DeclarationCollection>(
        _ declarations: Declarations
    ) -> [Finding] {
        mirrorFindings(declarations, at: DeclarationCopies.latestIndices(declarations))
    }

    /// ``mirrorFindings(_:)`` of any sequence (e.g. `results.lazy.flatMap(\.declarations)`):
    /// the latest copies are gathered into an array first.
    public func mirrorFindings<Declarations: Sequence<Declaration>>(_ declarations: Declarations) -> [Finding] {
        let latest = DeclarationCopies.latest(declarations)
        return mirrorFindings(latest, at: Array(latest.indices))
    }

    /// The mirror findings among the declarations at `positions` (the latest copies,
    /// ``CustomsCore/DeclarationCopies/latestIndices(_:)``, when the caller has them already).
    public func mirrorFindings<Declarations: DeclarationCollection>(
        _ declarations: Declarations, at positions: [Int]
    ) -> [Finding] {
        var findings: [Finding] = []
        var seen = Set<Finding>()
        // Party ids are evidence of a pair only: no finding depends on them.
        matcher.match(declarations, at: positions, partyEvidence: false).forEachGroup { group in
            let compared = comparison.compare(
                exports: group.exports.map { declarations[positions[Int($0)]] },
                counterparts: group.counterparts.map { declarations[positions[Int($0)]] })
            for finding in compared.findings where seen.insert(finding).inserted { findings.append(finding) }
        }
        return findings
    }

    /// ``mirrorFindings(_:at:)`` with the consignment groups compared on `jobs` threads, a round
    /// of ``groupsPerRound`` groups at a time (the groups of a round are held, not more): the same
    /// findings in the same order. Matching runs on this thread, and on `jobs` threads when it
    /// reads no declaration (``MatchFactsProviding``).
    public func mirrorFindings<Declarations: DeclarationCollection & Sendable>(
        _ declarations: Declarations, at positions: [Int], jobs: Int
    ) -> [Finding] {
        guard jobs > 1 else { return mirrorFindings(declarations, at: positions) }
        var findings: [Finding] = []
        var seen = Set<Finding>()
        var round: [ConsignmentMatching.Group] = []
        let comparison = self.comparison
        func compareRound() {
            let groups = round
            let chunks = min(jobs, groups.count)
            let parts = LockedValue<[[Finding]]>(Array(repeating: [], count: chunks))
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var found: [Finding] = []
                for group in groups[groups.count * chunk / chunks..<groups.count * (chunk + 1) / chunks] {
                    found += comparison.compare(
                        exports: group.exports.map { declarations[positions[Int($0)]] },
                        counterparts: group.counterparts.map { declarations[positions[Int($0)]] }).findings
                }
                parts.withLock { $0[chunk] = found }
            }
            // In the order of the groups, each finding once, as one thread gives them.
            for finding in parts.withLock({ $0 }).joined() where seen.insert(finding).inserted { findings.append(finding) }
            round.removeAll(keepingCapacity: true)
        }
        matcher.match(declarations, at: positions, partyEvidence: false, jobs: jobs).forEachGroup { group in
            round.append(group)
            if round.count == Self.groupsPerRound { compareRound() }
        }
        if !round.isEmpty { compareRound() }
        return findings
    }

    /// Consignment groups compared in one round of ``mirrorFindings(_:at:jobs:)``.
    static let groupsPerRound = 4096

    /// `mirror.unmatched` for the unmatched exports (each with its lodgement in seconds since the
    /// epoch, `Int64.min` when unknown) whose lodgement is old enough against `newest`.
    private func unmatchedFindings(_ unmatched: some Sequence<(Int64, Declaration)>, newest: Int64?) -> [Finding] {
        var unmatchedFindings: [Finding] = []
        for (lodged, export) in unmatched {
            guard let newest, lodged != .min else { continue }
            let days = Int((newest - lodged) / 86_400)
            if days >= comparison.settings.unmatchedAfterDays {
                unmatchedFindings.append(Finding(
                    rule: "mirror.unmatched",
                    message: "export lodged on \(export.lodgedOn!) has no import or transit counterpart \(days) days later (newest lodgement seen; limit \(comparison.settings.unmatchedAfterDays) days)",
                    file: export.source.file, line: export.source.line, declaration: export.key))
            }
        }
        return unmatchedFindings
    }
}
