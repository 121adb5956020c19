public import CustomsCore
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
    public func reconcile<Declarations: Sequence<Declaration>>(_ declarations: Declarations) -> Reconciliation {
        let declarations = DeclarationCopies.latest(declarations)
        let (groups, unmatched) = matcher.groups(declarations)
        var pairs: [Reconciliation.Pair] = []
        for group in groups {
            let (findings, differences) = comparison.compare(
                exports: group.exports.map { declarations[$0] }, counterparts: group.counterparts.map { declarations[$0] })
            for pair in group.pairs {
                pairs.append(Reconciliation.Pair(
                    export: declarations[pair.export], counterpart: declarations[pair.counterpart],
                    matchedBy: pair.matchedBy, findings: findings, differences: differences))
            }
        }
        let unmatchedFindings = unmatchedFindings(unmatched, among: declarations)
        return Reconciliation(pairs: pairs, unmatched: unmatched.map { declarations[$0] }, unmatchedFindings: unmatchedFindings)
    }

    /// The mirror findings of ``reconcile(_:)`` alone, each once, in the same order, without
    /// keeping the pairs, their declarations or every measure compared (what `validate`
    /// reports: bounded memory for a batch of hundreds of thousands of declarations).
    public func mirrorFindings<Declarations: Sequence<Declaration>>(_ declarations: Declarations) -> [Finding] {
        let declarations = DeclarationCopies.latest(declarations)
        var findings: [Finding] = []
        for group in matcher.groups(declarations).groups {
            findings += comparison.compare(
                exports: group.exports.map { declarations[$0] }, counterparts: group.counterparts.map { declarations[$0] }).findings
        }
        var seen = Set<Finding>()
        return findings.filter { seen.insert($0).inserted }
    }

    /// `mirror.unmatched` for the exports at `unmatched` whose lodgement is old enough.
    private func unmatchedFindings(_ unmatched: [Int], among declarations: [Declaration]) -> [Finding] {
        let newest = declarations.compactMap { $0.lodgedOn.flatMap(LocalDateTime.parseISO) }.map(\.secondsSinceEpoch).max()
        var unmatchedFindings: [Finding] = []
        for index in unmatched {
            let export = declarations[index]
            guard let newest, let lodged = export.lodgedOn.flatMap(LocalDateTime.parseISO) else { continue }
            let days = Int((newest - lodged.secondsSinceEpoch) / 86_400)
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
