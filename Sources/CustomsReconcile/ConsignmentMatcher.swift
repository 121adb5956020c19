public import CustomsCore
import Dispatch

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
///
/// The declarations are read by index and none is kept: a batch may be decoded from disk on each
/// access. Each is read once to index it, an export once more to look up its identifiers, and a
/// counterpart once for each export it may match. What is kept is compact: per declaration its
/// side, lodgement and interned declaring country (13 bytes, 21 with its position), per
/// identifier of a counterpart a 12-byte entry (64-bit hash, slot, kind), per pair 12 bytes. An
/// identifier found by its hash is confirmed on both declarations, so a hash collision never
/// makes a match.
public struct ConsignmentMatcher: Sendable {
    public var windowBeforeDays = 3
    public var windowAfterDays = 60
    /// A container or invoice number that more counterparts than this share within the window is
    /// no identifier of one consignment (a container shuttling on a line): it is not used to match.
    public var maxSharedCounterparts = 16
    /// The same for a transport document number: one waybill may cover a consignment split into
    /// several imports, but not more than this many.
    public var maxCounterpartsPerTransportDocument = 64
    /// The hash identifiers are looked up by; tests make it collide (a collision costs a read,
    /// never a match).
    var keyHash: @Sendable (MatchKeys.Key) -> UInt64 = { UInt64(truncatingIfNeeded: $0.hashValue) }

    public init() {}

    /// The consignment groups among `declarations` and the exports of none; indices are those of
    /// `declarations`.
    public func groups<Declarations: DeclarationCollection>(
        _ declarations: Declarations
    ) -> (groups: [ConsignmentGroup], unmatchedExports: [Int]) {
        groups(declarations, at: Array(declarations.indices))
    }

    /// The consignment groups among the declarations at `positions` (e.g. the latest copies,
    /// ``DeclarationCopies/latestIndices(_:)``), the others ignored. Indices in the result are
    /// those of `declarations`; they come in the order of `positions` (exports, and each
    /// export's counterparts, in that order).
    public func groups<Declarations: DeclarationCollection>(
        _ declarations: Declarations, at positions: [Int]
    ) -> (groups: [ConsignmentGroup], unmatchedExports: [Int]) {
        let matching = match(declarations, at: positions)
        var groups: [ConsignmentGroup] = []
        matching.forEachGroup { group in
            groups.append(ConsignmentGroup(
                exports: group.exports.map { positions[Int($0)] },
                counterparts: group.counterparts.map { positions[Int($0)] },
                pairs: group.links.map { link in
                    MatchedPair(
                        export: positions[Int(group.exports[link.export])],
                        counterpart: positions[Int(group.counterparts[link.counterpart])],
                        matchedBy: link.evidence.matchedBy)
                }))
        }
        return (groups, matching.unmatchedExports.map { positions[Int($0)] })
    }

    /// Matches the declarations at `positions`; the result speaks of slots (indices into
    /// `positions`).
    ///
    /// When `declarations` gives its ``MatchFacts`` (``MatchFactsProviding``), they are read
    /// instead of the declarations, and no declaration is read at all unless `partyEvidence` (a
    /// pair's shared party ids, which only ``ConsignmentMatching/Evidence`` records) is wanted;
    /// the exports are then looked up on `jobs` threads.
    func match<Declarations: DeclarationCollection>(
        _ declarations: Declarations, at positions: [Int], partyEvidence: Bool = true, jobs: Int = 1
    ) -> ConsignmentMatching {
        precondition(positions.count <= KeyEntry.maxSlot + 1, "more than 2³⁰ declarations")
        let facts = (declarations as? any MatchFactsProviding)?.matchFacts.flatMap { $0.count == declarations.count ? $0 : nil }
        var matching = ConsignmentMatching(count: positions.count)
        // Interned declaring countries: 0 for none.
        var countries = [UInt32](repeating: 0, count: positions.count)
        var countryCodes: [String: UInt32] = [:]
        // The identifiers of every counterpart-side declaration, by hash.
        var entries = KeyIndex()
        // The hashes of each export's identifiers (`exportHashes[exportHashEnd[slot - 1]..<exportHashEnd[slot]]`):
        // an export none of whose identifiers any counterpart carries is not read again.
        var exportHashes: [UInt64] = []
        var exportHashEnd = [Int32](repeating: 0, count: positions.count)
        var slot = -1
        func note(_ fact: MatchFact) {
            slot += 1
            matching.lodged[slot] = fact.lodged
            if let country = fact.country {
                if let code = countryCodes[country] {
                    countries[slot] = code
                } else {
                    let code = UInt32(countryCodes.count + 1)
                    countryCodes[country] = code
                    countries[slot] = code
                }
            }
            matching.sides[slot] = fact.side
            if fact.side == ConsignmentMatching.Side.export {
                for key in fact.keys { exportHashes.append(keyHash(key)) }
            } else if fact.side == ConsignmentMatching.Side.counterpart {
                for key in fact.keys { entries.append(KeyEntry(hash: keyHash(key), slot: slot, kind: key.kind)) }
            }
            exportHashEnd[slot] = Int32(exportHashes.count)
        }
        if let facts {
            for position in positions { note(facts.fact(at: position)) }
        } else {
            // Read in blocks where the positions ascend (a batch kept on disk).
            declarations.forEach(at: positions, goodsItems: false) { _, declaration in note(MatchFact(declaration)) }
        }
        entries.finish()

        let index = ExportIndex(
            sides: matching.sides, lodged: matching.lodged, countries: countries, exportHashes: exportHashes,
            exportHashEnd: exportHashEnd, entries: entries)
        var found: [(links: [ConsignmentMatching.Link], matched: [Int])] = []
        if let facts, !partyEvidence {
            // Nothing is read: the exports are matched in parts, on `jobs` threads, and the
            // parts' pairs joined in slot order.
            let parts = max(1, min(jobs, positions.count / Self.slotsPerPart))
            let results = LockedValue([(links: [ConsignmentMatching.Link], matched: [Int])](repeating: ([], []), count: parts))
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let slots = positions.count * part / parts..<positions.count * (part + 1) / parts
                let result = link(slots, index) { (facts.keys(at: positions[$0]), nil) }
                results.withLock { $0[part] = result }
            }
            found = results.withLock { $0 }
        } else {
            found = [link(0..<positions.count, index) { slot in
                if let facts, !partyEvidence { return (facts.keys(at: positions[slot]), nil) }
                let declaration = declarations.header(at: positions[slot])
                return (facts?.keys(at: positions[slot]) ?? MatchKeys.keys(of: declaration), partyEvidence ? declaration : nil)
            }]
        }
        for part in found {
            for slot in part.matched { matching.sides[slot] |= ConsignmentMatching.Side.matched }
            matching.links += part.links
        }
        return matching
    }

    /// Fewer slots than this are matched on one thread.
    static let slotsPerPart = 8192

    /// What the exports are looked up in: per slot its side, lodgement, country and (for an
    /// export) the hashes of its identifiers, and the counterparts' identifiers by hash.
    struct ExportIndex {
        var sides: [UInt8]
        var lodged: [Int64]
        var countries: [UInt32]
        var exportHashes: [UInt64]
        var exportHashEnd: [Int32]
        var entries: KeyIndex
    }

    /// The pairs of the exports among `slots`, in slot order (each export's counterparts in slot
    /// order), and the exports that have any. `read` gives a slot's identifiers and, to record
    /// shared party ids, its declaration (`nil`: none recorded). A counterpart read is kept while
    /// one export is matched, not longer.
    private func link(
        _ slots: Range<Int>, _ index: ExportIndex, read readSlot: (Int) -> (keys: [MatchKeys.Key], declaration: Declaration?)
    ) -> (links: [ConsignmentMatching.Link], matched: [Int]) {
        var links: [ConsignmentMatching.Link] = []
        var matched: [Int] = []
        var read: [Int32: (keys: [MatchKeys.Key], declaration: Declaration?)] = [:]
        var evidence: [Int32: ConsignmentMatching.Evidence] = [:]
        var candidates: [Int32] = []
        for slot in slots where index.sides[slot] == ConsignmentMatching.Side.export {
            let hashes = index.exportHashes[Int(slot == 0 ? 0 : index.exportHashEnd[slot - 1])..<Int(index.exportHashEnd[slot])]
            guard hashes.contains(where: { var run = index.entries.run(of: $0); return run.next() != nil }) else { continue }
            read.removeAll(keepingCapacity: true)
            evidence.removeAll(keepingCapacity: true)
            let export = readSlot(slot)
            for key in export.keys {
                let limit = key.kind == .transportDocument ? maxCounterpartsPerTransportDocument : maxSharedCounterparts
                let hash = keyHash(key)
                candidates.removeAll(keepingCapacity: true)
                // How many times counterparts within the window carry `key` (a declaration that
                // lists it twice counts twice).
                var shared = 0
                var run = index.entries.run(of: hash)
                var pending = run.next()
                while let first = pending, shared <= limit {
                    // The entries of one declaration are adjacent.
                    let other = first.slot
                    var kinds = first.kindBit
                    pending = run.next()
                    while let entry = pending, entry.slot == other {
                        kinds |= entry.kindBit
                        pending = run.next()
                    }
                    guard kinds & key.kind.bit != 0, compatible(
                        countries: (index.countries[slot], index.countries[Int(other)]), kind: key.kind,
                        lodged: (index.lodged[slot], index.lodged[Int(other)]))
                    else { continue }
                    // Confirmed on the values: a hash collision never makes a match.
                    if read[other] == nil { read[other] = readSlot(Int(other)) }
                    let times = read[other]!.keys.count(where: { $0 == key })
                    if times > 0 {
                        shared += times
                        candidates.append(other)
                    }
                }
                if shared > limit { continue }
                for other in candidates { evidence[other, default: []].insert(ConsignmentMatching.Evidence(kind: key.kind)) }
            }
            guard !evidence.isEmpty else { continue }
            matched.append(slot)
            for (other, var kinds) in evidence.sorted(by: { $0.key < $1.key }) {
                if let exporter = export.declaration, let counterpart = read[other]!.declaration,
                   MatchKeys.sharedPartyIDs(exporter, counterpart) { kinds.insert(.partyID) }
                links.append(ConsignmentMatching.Link(export: Int32(slot), counterpart: other, evidence: kinds))
            }
        }
        return (links, matched)
    }

    /// Whether a declaration may be the counterpart of an export by an identifier of `kind`:
    /// `countries` are their interned declaring countries (0: none) and `lodged` their lodgement
    /// times (seconds since the epoch, `Int64.min`: unknown), export first.
    private func compatible(countries: (UInt32, UInt32), kind: MatchKeys.Kind, lodged: (Int64, Int64)) -> Bool {
        if countries.0 != 0, countries.0 == countries.1 { return false }
        guard kind != .transportDocument else { return true }
        guard lodged.0 != .min, lodged.1 != .min else { return true }
        let days = (lodged.1 - lodged.0) / 86_400
        return days >= -Int64(windowBeforeDays) && days <= Int64(windowAfterDays)
    }
}

/// One identifier of a counterpart-side declaration: its hash, the declaration's slot and the
/// identifier's kind, in 12 bytes (three 32-bit words, so that an array packs them without padding).
struct KeyEntry: Comparable {
    private var high: UInt32
    private var low: UInt32
    /// The slot in the low 30 bits, the kind's ``MatchKeys/Kind/code`` above them.
    private var slotAndKind: UInt32

    static let maxSlot = (1 << 30) - 1

    init(hash: UInt64, slot: Int, kind: MatchKeys.Kind) {
        precondition(slot <= Self.maxSlot, "more than 2³⁰ declarations")
        high = UInt32(truncatingIfNeeded: hash >> 32)
        low = UInt32(truncatingIfNeeded: hash)
        slotAndKind = UInt32(slot) | kind.code << 30
    }

    var hash: UInt64 { UInt64(high) << 32 | UInt64(low) }
    var slot: Int32 { Int32(slotAndKind & 0x3FFF_FFFF) }
    /// The kind as a bit of ``ConsignmentMatching/Evidence``.
    var kindBit: UInt8 { 1 << UInt8(slotAndKind >> 30) }

    /// By hash, then slot.
    static func < (a: KeyEntry, b: KeyEntry) -> Bool {
        (a.high, a.low, a.slotAndKind & 0x3FFF_FFFF) < (b.high, b.low, b.slotAndKind & 0x3FFF_FFFF)
    }
}

/// The identifiers of every counterpart-side declaration, looked up by hash: sorted runs of at
/// most 65,536 entries, filled in slot order, each sorted by hash and slot once full. Nothing is
/// ever copied or merged, so the index takes its 12 bytes an entry and at most one run's spare room
/// (an array grown by doubling may hold twice the room needed, a merge twice the entries).
/// Each run has a directory of where the hashes of each of 4,096 prefixes start (16 KiB a run), so
/// that a lookup searches a few entries of each run, not the whole run.
struct KeyIndex {
    private static let runSize = 1 << 16
    private static let prefixBits = 12
    private var runs: [[KeyEntry]] = []
    /// Per run: `directory[p]` is the first entry whose hash's top bits are `p` or more; one more
    /// entry: the run's count.
    private var directories: [[Int32]] = []

    /// Adds an entry; entries come in slot order.
    mutating func append(_ entry: KeyEntry) {
        if runs.isEmpty || runs[runs.count - 1].count == Self.runSize {
            finish()
            runs.append([])
            runs[runs.count - 1].reserveCapacity(Self.runSize)
        }
        runs[runs.count - 1].append(entry)
    }

    /// Sorts the last run and makes its directory: call once every entry is added.
    mutating func finish() {
        guard directories.count < runs.count else { return }
        runs[runs.count - 1].sort()
        let run = runs[runs.count - 1]
        var directory = [Int32](repeating: 0, count: (1 << Self.prefixBits) + 1)
        var position = 0
        for prefix in 0...(1 << Self.prefixBits) {
            while position < run.count, Self.prefix(run[position].hash) < prefix { position += 1 }
            directory[prefix] = Int32(position)
        }
        directories.append(directory)
    }

    private static func prefix(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: hash >> UInt64(64 - prefixBits))
    }

    /// The entries of `hash`, in slot order (the runs hold ascending slots, one after another).
    func run(of hash: UInt64) -> Entries {
        Entries(runs: runs, directories: directories, hash: hash)
    }

    struct Entries: IteratorProtocol {
        private let runs: [[KeyEntry]]
        private let directories: [[Int32]]
        private let hash: UInt64
        private let prefix: Int
        private var run = -1
        private var position = 0
        private var end = 0

        fileprivate init(runs: [[KeyEntry]], directories: [[Int32]], hash: UInt64) {
            self.runs = runs
            self.directories = directories
            self.hash = hash
            prefix = KeyIndex.prefix(hash)
        }

        mutating func next() -> KeyEntry? {
            while true {
                if position < end, runs[run][position].hash == hash {
                    position += 1
                    return runs[run][position - 1]
                }
                run += 1
                guard run < runs.count else { return nil }
                let from = Int(directories[run][prefix])
                end = Int(directories[run][prefix + 1])
                position = from == end ? end : runs[run].lowerBound(hash, in: from, end)
            }
        }
    }
}

extension Array where Element == KeyEntry {
    /// The first entry of `from..<to` whose hash is not below `hash` (entries sorted by hash).
    func lowerBound(_ hash: UInt64, in from: Int, _ to: Int) -> Int {
        var low = from
        var high = to
        while low < high {
            let middle = (low + high) / 2
            if self[middle].hash < hash { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension MatchKeys.Kind {
    /// 0, 1, 2 in the order of `allCases` (the order of `matchedBy`).
    var code: UInt32 {
        switch self {
        case .transportDocument: 0
        case .container: 1
        case .invoice: 2
        }
    }

    /// The kind as a bit of ``ConsignmentMatching/Evidence``.
    var bit: UInt8 { 1 << UInt8(code) }
}

/// What ``ConsignmentMatcher`` found, in compact form: declarations are slots (indices into the
/// positions matched), pairs are ``Link``s, groups are made one at a time.
struct ConsignmentMatching {
    enum Side {
        static let export: UInt8 = 1
        static let counterpart: UInt8 = 2
        /// Added to `export` once the export has a counterpart.
        static let matched: UInt8 = 0x80
    }

    /// The identifiers that tied a pair, and whether they share a party id.
    struct Evidence: OptionSet {
        var rawValue: UInt8
        static let partyID = Evidence(rawValue: 8)

        init(rawValue: UInt8) { self.rawValue = rawValue }
        init(kind: MatchKeys.Kind) { rawValue = kind.bit }

        /// `transport-document`, `container`, `invoice`, `party-id` — in that order.
        var matchedBy: [String] {
            var names = MatchKeys.Kind.allCases.filter { rawValue & $0.bit != 0 }.map(\.rawValue)
            if contains(.partyID) { names.append("party-id") }
            return names
        }
    }

    /// A matched pair: the export's and the counterpart's slots (12 bytes).
    struct Link {
        var export: Int32
        var counterpart: Int32
        var evidence: Evidence
    }

    /// One consignment group: its exports and counterparts (slots, in the order their first pair
    /// names them) and its pairs, each naming its export and counterpart by their place in those.
    struct Group {
        var exports: [Int32] = []
        var counterparts: [Int32] = []
        var links: [(export: Int, counterpart: Int, evidence: Evidence)] = []
    }

    /// Per slot: ``Side`` (0: neither side, no direction).
    var sides: [UInt8]
    /// Per slot: the lodgement in seconds since the epoch (local time), `Int64.min` when unknown.
    var lodged: [Int64]
    /// The pairs: by export, in slot order, each export's counterparts in slot order.
    var links: [Link] = []

    init(count: Int) {
        sides = [UInt8](repeating: 0, count: count)
        lodged = [Int64](repeating: .min, count: count)
    }

    /// The exports without counterpart, in slot order.
    var unmatchedExports: [Int32] {
        sides.indices.filter { sides[$0] == Side.export }.map { Int32($0) }
    }

    /// The newest lodgement among all the declarations.
    var newestLodgement: Int64? {
        lodged.lazy.filter { $0 != .min }.max()
    }

    /// The connected components of the match graph, one at a time, in the order of their first
    /// pair; within a group exports and counterparts in the order of their first pair, pairs in
    /// their order.
    func forEachGroup(_ body: (Group) throws -> Void) rethrows {
        guard !links.isEmpty else { return }
        // Union-find over slots; then each pair's component numbered by first appearance.
        var parent = [Int32](unsafeUninitializedCapacity: sides.count) { buffer, initialized in
            for slot in 0..<sides.count { buffer[slot] = Int32(slot) }
            initialized = sides.count
        }
        func find(_ node: Int32) -> Int32 {
            var root = node
            while parent[Int(root)] != root { root = parent[Int(root)] }
            var current = node
            while parent[Int(current)] != root {
                let next = parent[Int(current)]
                parent[Int(current)] = root
                current = next
            }
            return root
        }
        for link in links {
            let a = find(link.export)
            let b = find(link.counterpart)
            if a != b { parent[Int(b)] = a }
        }
        var groupOfLink = links.map { find($0.export) }
        // `parent` now numbers the components (roots) by first appearance.
        for slot in parent.indices { parent[slot] = -1 }
        var groupCount: Int32 = 0
        for index in groupOfLink.indices {
            let root = Int(groupOfLink[index])
            if parent[root] < 0 {
                parent[root] = groupCount
                groupCount += 1
            }
            groupOfLink[index] = parent[root]
        }
        // The pairs ordered by group, each group's in their order (a counting sort).
        var start = [Int32](repeating: 0, count: Int(groupCount) + 1)
        for group in groupOfLink { start[Int(group) + 1] += 1 }
        for group in 0..<Int(groupCount) { start[group + 1] += start[group] }
        var order = [Int32](repeating: 0, count: links.count)
        var fill = start
        for (index, group) in groupOfLink.enumerated() {
            order[Int(fill[Int(group)])] = Int32(index)
            fill[Int(group)] += 1
        }
        fill = []
        groupOfLink = []
        for group in 0..<Int(groupCount) {
            var current = Group()
            var exportPlace: [Int32: Int] = [:]
            var counterpartPlace: [Int32: Int] = [:]
            for index in order[Int(start[group])..<Int(start[group + 1])] {
                let link = links[Int(index)]
                if exportPlace[link.export] == nil {
                    exportPlace[link.export] = current.exports.count
                    current.exports.append(link.export)
                }
                if counterpartPlace[link.counterpart] == nil {
                    counterpartPlace[link.counterpart] = current.counterparts.count
                    current.counterparts.append(link.counterpart)
                }
                current.links.append((exportPlace[link.export]!, counterpartPlace[link.counterpart]!, link.evidence))
            }
            try body(current)
        }
    }
}
