@testable import CustomsCore
@testable import CustomsReconcile
import Foundation

/// The reconciliation as it was written over a whole array of declarations (dictionaries of
/// strings, every declaration in memory): the contract the indexed one must keep, pair for pair.
enum ReferenceReconciler {
    struct Identity: Hashable {
        var id: String
        var country: String
        var direction: String
    }

    static func latest(_ declarations: [Declaration]) -> [Declaration] {
        var position: [Identity: Int] = [:]
        var result: [Declaration] = []
        for declaration in declarations {
            guard let id = declaration.id else {
                result.append(declaration)
                continue
            }
            let identity = Identity(id: id, country: declaration.declaringCountry ?? "", direction: declaration.direction?.rawValue ?? "")
            if let index = position[identity] {
                result[index] = declaration
            } else {
                position[identity] = result.count
                result.append(declaration)
            }
        }
        return result
    }

    static func groups(_ declarations: [Declaration], matcher: ConsignmentMatcher = ConsignmentMatcher()) -> (groups: [ConsignmentGroup], unmatchedExports: [Int]) {
        let exports = declarations.indices.filter { declarations[$0].direction == .export }
        let others = declarations.indices.filter { declarations[$0].direction == .import || declarations[$0].direction == .transit }
        let lodged = declarations.map { $0.lodgedOn.flatMap(LocalDateTime.parseISO)?.secondsSinceEpoch }
        let countries = declarations.map(\.declaringCountry)
        var index: [MatchKeys.Key: [Int]] = [:]
        for other in others {
            for key in MatchKeys.keys(of: declarations[other]) {
                index[key, default: []].append(other)
            }
        }
        func compatible(countries: (String?, String?), kind: MatchKeys.Kind, lodged: (Int64?, Int64?)) -> Bool {
            if let a = countries.0, let b = countries.1, a == b { return false }
            guard kind != .transportDocument else { return true }
            guard let exportDate = lodged.0, let otherDate = lodged.1 else { return true }
            let days = (otherDate - exportDate) / 86_400
            return days >= -Int64(matcher.windowBeforeDays) && days <= Int64(matcher.windowAfterDays)
        }
        var pairs: [MatchedPair] = []
        for export in exports {
            var kindsByCounterpart: [Int: Set<String>] = [:]
            for key in MatchKeys.keys(of: declarations[export]) {
                let kind = key.kind
                let limit = kind == .transportDocument ? matcher.maxCounterpartsPerTransportDocument : matcher.maxSharedCounterparts
                var candidates: [Int] = []
                for other in index[key] ?? [] where compatible(
                    countries: (countries[export], countries[other]), kind: kind, lodged: (lodged[export], lodged[other])) {
                    candidates.append(other)
                    if candidates.count > limit { break }
                }
                if candidates.count > limit { continue }
                for other in candidates {
                    kindsByCounterpart[other, default: []].insert(kind.rawValue)
                }
            }
            for (other, kinds) in kindsByCounterpart.sorted(by: { $0.key < $1.key }) {
                var matchedBy = MatchKeys.Kind.allCases.map(\.rawValue).filter(kinds.contains)
                if MatchKeys.sharedPartyIDs(declarations[export], declarations[other]) { matchedBy.append("party-id") }
                pairs.append(MatchedPair(export: export, counterpart: other, matchedBy: matchedBy))
            }
        }
        let matched = Set(pairs.map(\.export))
        return (components(pairs), exports.filter { !matched.contains($0) })
    }

    private static func components(_ pairs: [MatchedPair]) -> [ConsignmentGroup] {
        var parent: [Int: Int] = [:]
        func find(_ node: Int) -> Int {
            var root = node
            while let next = parent[root], next != root { root = next }
            var current = node
            while let next = parent[current], next != root {
                parent[current] = root
                current = next
            }
            return root
        }
        for pair in pairs {
            let a = find(pair.export)
            let b = find(pair.counterpart)
            if parent[a] == nil { parent[a] = a }
            if a != b { parent[b] = a }
        }
        var groupIndex: [Int: Int] = [:]
        var groups: [ConsignmentGroup] = []
        for pair in pairs {
            let root = find(pair.export)
            let index: Int
            if let existing = groupIndex[root] {
                index = existing
            } else {
                index = groups.count
                groupIndex[root] = index
                groups.append(ConsignmentGroup(exports: [], counterparts: [], pairs: []))
            }
            if !groups[index].exports.contains(pair.export) { groups[index].exports.append(pair.export) }
            if !groups[index].counterparts.contains(pair.counterpart) { groups[index].counterparts.append(pair.counterpart) }
            groups[index].pairs.append(pair)
        }
        return groups
    }

    static func reconcile(_ all: [Declaration], reconciler: Reconciler = Reconciler()) -> Reconciliation {
        let declarations = latest(all)
        let (groups, unmatched) = groups(declarations, matcher: reconciler.matcher)
        var pairs: [Reconciliation.Pair] = []
        for group in groups {
            let (findings, differences) = reconciler.comparison.compare(
                exports: group.exports.map { declarations[$0] }, counterparts: group.counterparts.map { declarations[$0] })
            for pair in group.pairs {
                pairs.append(Reconciliation.Pair(
                    export: declarations[pair.export], counterpart: declarations[pair.counterpart],
                    matchedBy: pair.matchedBy, findings: findings, differences: differences))
            }
        }
        let newest = declarations.compactMap { $0.lodgedOn.flatMap(LocalDateTime.parseISO) }.map(\.secondsSinceEpoch).max()
        var unmatchedFindings: [Finding] = []
        for index in unmatched {
            let export = declarations[index]
            guard let newest, let lodged = export.lodgedOn.flatMap(LocalDateTime.parseISO) else { continue }
            let days = Int((newest - lodged.secondsSinceEpoch) / 86_400)
            if days >= reconciler.comparison.settings.unmatchedAfterDays {
                unmatchedFindings.append(Finding(
                    rule: "mirror.unmatched",
                    message: "export lodged on \(export.lodgedOn!) has no import or transit counterpart \(days) days later (newest lodgement seen; limit \(reconciler.comparison.settings.unmatchedAfterDays) days)",
                    file: export.source.file, line: export.source.line, declaration: export.key))
            }
        }
        return Reconciliation(pairs: pairs, unmatched: unmatched.map { declarations[$0] }, unmatchedFindings: unmatchedFindings)
    }
}

/// What a reconciliation says, comparable: each pair's declarations, evidence, findings and
/// differences, the unmatched exports and their findings.
struct ReconciliationOutline: Equatable {
    struct Pair: Equatable {
        var export: Declaration
        var counterpart: Declaration
        var matchedBy: [String]
        var findings: [Finding]
        var differences: [MirrorDifference]
    }

    var pairs: [Pair]
    var unmatched: [Declaration]
    var unmatchedFindings: [Finding]
    var mirrorFindings: [Finding]

    init(_ reconciliation: Reconciliation) {
        pairs = reconciliation.pairs.map {
            Pair(export: $0.export, counterpart: $0.counterpart, matchedBy: $0.matchedBy, findings: $0.findings, differences: $0.differences)
        }
        unmatched = reconciliation.unmatched
        unmatchedFindings = reconciliation.unmatchedFindings
        mirrorFindings = reconciliation.mirrorFindings
    }
}
