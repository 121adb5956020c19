public import CustomsCore

/// An export declaration and a declaration of the other side (import or transit) found to be
/// the same consignment, with the identifiers that tied them.
public struct MatchedPair: Sendable, Hashable {
    /// Index of the export in the declarations given to the matcher.
    public var export: Int
    public var counterpart: Int
    /// `transport-document`, `container`, `invoice`, `party-id` — in that order.
    public var matchedBy: [String]
}

/// Exports and counterparts connected by matches: one consignment, possibly split
/// (one export, several partial imports, or the reverse).
public struct ConsignmentGroup: Sendable, Hashable {
    public var exports: [Int]
    public var counterparts: [Int]
    public var pairs: [MatchedPair]
}

/// Finds the two sides of each consignment among declarations (`SPEC.md`, "Reconcile output").
///
/// An export matches an import or transit declaration of another declaring country when they
/// share a transport document number (SMGS, CIM/SMGS, CMR, bill of lading), a container number or
/// an invoice number. Container and invoice numbers are reused over time, so they match only
/// when the counterpart was lodged between 3 days before and 60 days after the export (when
/// both dates are known); transport document numbers match at any date. An identifier that too
/// many counterparts share (``maxSharedCounterparts``, ``maxCounterpartsPerTransportDocument``)
/// identifies no single consignment and is not used. A shared party id is recorded as supporting
/// evidence, never as a match on its own.
public struct ConsignmentMatcher: Sendable {
    public var windowBeforeDays = 3
    public var windowAfterDays = 60
    /// A container or invoice number that more counterparts than this share within the window is
    /// no identifier of one consignment (a container shuttling on a line): it is not used to match.
    public var maxSharedCounterparts = 16
    /// The same for a transport document number: one waybill may cover a consignment split into
    /// several imports, but not more than this many.
    public var maxCounterpartsPerTransportDocument = 64

    public init() {}

    public func groups(_ declarations: [Declaration]) -> (groups: [ConsignmentGroup], unmatchedExports: [Int]) {
        let exports = declarations.indices.filter { declarations[$0].direction == .export }
        let others = declarations.indices.filter { declarations[$0].direction == .import || declarations[$0].direction == .transit }
        // Each declaration's lodgement day is read once, not at every comparison.
        let lodged = declarations.map { $0.lodgedOn.flatMap(LocalDateTime.parseISO)?.secondsSinceEpoch }
        let countries = declarations.map(\.declaringCountry)
        var index: [MatchKeys.Key: [Int]] = [:]
        for other in others {
            for key in MatchKeys.keys(of: declarations[other]) {
                index[key, default: []].append(other)
            }
        }
        var pairs: [MatchedPair] = []
        for export in exports {
            var kindsByCounterpart: [Int: Set<String>] = [:]
            for key in MatchKeys.keys(of: declarations[export]) {
                let kind = key.kind
                let limit = kind == .transportDocument ? maxCounterpartsPerTransportDocument : maxSharedCounterparts
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

    /// Whether a declaration may be the counterpart of an export by an identifier of `kind`:
    /// `countries` are their declaring countries and `lodged` their lodgement days (seconds since
    /// the epoch of local midnight), export first, when known.
    private func compatible(countries: (String?, String?), kind: MatchKeys.Kind, lodged: (Int64?, Int64?)) -> Bool {
        if let a = countries.0, let b = countries.1, a == b { return false }
        guard kind != .transportDocument else { return true }
        guard let exportDate = lodged.0, let otherDate = lodged.1 else { return true }
        let days = (otherDate - exportDate) / 86_400
        return days >= -Int64(windowBeforeDays) && days <= Int64(windowAfterDays)
    }

    /// Connected components of the match graph (union-find over exports and counterparts).
    private func components(_ pairs: [MatchedPair]) -> [ConsignmentGroup] {
        // Exports and counterparts are indices of the same declaration array: one node each.
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
}
