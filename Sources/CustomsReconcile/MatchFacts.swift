public import CustomsCore

/// What ``ConsignmentMatcher`` reads of each declaration of a sequence (one file's, in order),
/// taken as the declarations arrive — while a batch is read — so that matching after the last
/// file reads no declaration to index or confirm identifiers: its side, lodgement, declaring
/// country and identifiers (``MatchKeys``: their kinds and normalized values, not hashes).
///
/// Compact: one record a declaration — a byte for the side, varints for the country (interned
/// per sequence) and the lodgement, then each identifier's kind, length and value — in blocks of
/// 64 KiB that are filled before the next is made (the first grows with the sequence), plus 4
/// bytes a declaration to find its record (about 40 bytes a declaration with three identifiers).
/// A record over 64 KiB gives up the facts (``isComplete`` `false`): the matcher then reads the
/// declarations.
public struct MatchFacts: Sendable {
    private static let blockSize = 1 << 16
    /// The records, in blocks of at most ``blockSize`` bytes.
    private var blocks: [[UInt8]] = []
    /// Per declaration: its record's block (high 16 bits) and offset in it (low 16 bits).
    private var starts: [UInt32] = []
    private var countryNames: [String] = []
    private var countryCodes: [String: Int] = [:]
    /// The record being written.
    private var scratch: [UInt8] = []
    /// `false` once a declaration could not be noted: the facts are not to be used.
    public private(set) var isComplete = true

    public init() {}

    /// The declarations noted.
    public var count: Int { starts.count }

    /// Bytes taken by the records and their starts, spare room included.
    var allocatedBytes: Int {
        blocks.reduce(0) { $0 + $1.capacity } + starts.capacity * MemoryLayout<UInt32>.stride
    }

    /// Notes the facts of the next declaration.
    public mutating func append(_ declaration: Declaration) {
        guard isComplete else { return }
        let fact = MatchFact(declaration)
        scratch.removeAll(keepingCapacity: true)
        scratch.append(fact.side)
        var country = 0
        if let name = fact.country {
            if let code = countryCodes[name] {
                country = code
            } else {
                countryNames.append(name)
                country = countryNames.count
                countryCodes[name] = country
            }
        }
        Self.appendVarint(UInt64(country), to: &scratch)
        // 0: unknown; else the lodgement zigzag-encoded, plus one.
        let lodged = fact.lodged == .min ? 0 : (UInt64(bitPattern: fact.lodged << 1) ^ UInt64(bitPattern: fact.lodged >> 63)) &+ 1
        Self.appendVarint(lodged, to: &scratch)
        Self.appendVarint(UInt64(fact.keys.count), to: &scratch)
        for key in fact.keys {
            scratch.append(UInt8(key.kind.code))
            Self.appendVarint(UInt64(key.value.utf8.count), to: &scratch)
            scratch.append(contentsOf: key.value.utf8)
        }
        guard scratch.count <= Self.blockSize else {
            self = MatchFacts()
            isComplete = false
            return
        }
        if blocks.isEmpty || blocks[blocks.count - 1].count + scratch.count > Self.blockSize {
            guard blocks.count < 1 << 16 else {
                self = MatchFacts()
                isComplete = false
                return
            }
            blocks.append([])
            // The first block grows with the file (a batch may have thousands of small files);
            // a file that fills one takes whole blocks from then on.
            if blocks.count > 1 { blocks[blocks.count - 1].reserveCapacity(Self.blockSize) }
        }
        let last = blocks.count - 1
        starts.append(UInt32(last) << 16 | UInt32(blocks[last].count))
        blocks[last].append(contentsOf: scratch)
    }

    /// Lets the record buffer, the interning table and the spare room of the last block go, once
    /// the sequence is complete (a declaration appended later is still noted, at the cost of
    /// those buffers made again).
    public mutating func finish() {
        scratch = []
        countryCodes = [:]
        if let last = blocks.indices.last, blocks[last].capacity > blocks[last].count + blocks[last].count / 8 {
            blocks[last] = Array(blocks[last][...])
        }
        if starts.capacity > starts.count + starts.count / 8 { starts = Array(starts[...]) }
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// The facts of the declaration at `position` (0-based, in the order appended).
    func fact(at position: Int) -> MatchFact {
        read(position)
    }

    /// The identifiers of the declaration at `position`, in ``MatchKeys/keys(of:)``'s order.
    func keys(at position: Int) -> [MatchKeys.Key] {
        read(position).keys
    }

    private func read(_ position: Int) -> MatchFact {
        let start = starts[position]
        return blocks[Int(start >> 16)].withUnsafeBufferPointer { bytes in
            var offset = Int(start & 0xFFFF)
            func varint() -> UInt64 {
                var value: UInt64 = 0
                var shift: UInt64 = 0
                while true {
                    let byte = bytes[offset]
                    offset += 1
                    value |= UInt64(byte & 0x7F) << shift
                    if byte < 0x80 { return value }
                    shift += 7
                }
            }
            let side = bytes[offset]
            offset += 1
            let country = Int(varint())
            let zigzag = varint()
            let lodged = zigzag == 0 ? Int64.min : Int64(bitPattern: ((zigzag - 1) >> 1) ^ (0 &- ((zigzag - 1) & 1)))
            let count = Int(varint())
            var keys: [MatchKeys.Key] = []
            keys.reserveCapacity(count)
            for _ in 0..<count {
                let kind = MatchKeys.Kind(code: bytes[offset])
                offset += 1
                let length = Int(varint())
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
                offset += length
                keys.append(MatchKeys.Key(kind: kind, value: value))
            }
            return MatchFact(side: side, lodged: lodged, country: country == 0 ? nil : countryNames[country - 1], keys: keys)
        }
    }
}

/// What the matcher reads of one declaration.
struct MatchFact {
    /// ``ConsignmentMatching/Side``: export, counterpart or 0.
    var side: UInt8
    /// Seconds since the epoch (local time), `Int64.min` when unknown.
    var lodged: Int64
    var country: String?
    var keys: [MatchKeys.Key]

    init(side: UInt8, lodged: Int64, country: String?, keys: [MatchKeys.Key]) {
        self.side = side
        self.lodged = lodged
        self.country = country
        self.keys = keys
    }

    /// Borrowed: an initializer otherwise takes its own copy of the declaration.
    init(_ declaration: borrowing Declaration) {
        side = switch declaration.direction {
        case .export: ConsignmentMatching.Side.export
        case .import, .transit: ConsignmentMatching.Side.counterpart
        case nil: 0
        }
        lodged = declaration.lodgedOn.flatMap(LocalDateTime.parseISO)?.secondsSinceEpoch ?? .min
        country = declaration.declaringCountry
        keys = side == 0 ? [] : MatchKeys.keys(of: declaration)
    }
}

/// The ``MatchFacts`` of every declaration of a batch, by position (one ``MatchFacts`` per file,
/// in file order): what ``ConsignmentMatcher`` reads instead of the declarations when the
/// collection it matches provides them (``MatchFactsProviding``).
public struct MatchFactsTable: Sendable {
    private let lists: [MatchFacts]
    /// `starts[i]`: position of the first declaration of `lists[i]`; one more entry: the count.
    private let starts: [Int]

    /// `nil` unless every list is given and complete; `lists` in the order of the batch's positions.
    public init?(_ lists: [MatchFacts?]) {
        var complete: [MatchFacts] = []
        for list in lists {
            guard let list, list.isComplete else { return nil }
            complete.append(list)
        }
        self.lists = complete
        var starts = [0]
        for list in complete { starts.append(starts.last! + list.count) }
        self.starts = starts
    }

    /// The declarations the facts are of.
    public var count: Int { starts.last! }

    func fact(at position: Int) -> MatchFact {
        let (list, local) = locate(position)
        return lists[list].fact(at: local)
    }

    func keys(at position: Int) -> [MatchKeys.Key] {
        let (list, local) = locate(position)
        return lists[list].keys(at: local)
    }

    private func locate(_ position: Int) -> (Int, Int) {
        lists.count == 1 ? (0, position) : SequenceStarts.locate(position, in: starts)
    }
}

/// A collection of declarations that also gives their ``MatchFacts`` (noted as they were read):
/// ``ConsignmentMatcher`` then reads no declaration to find the pairs.
public protocol MatchFactsProviding {
    /// The facts of every declaration, by position; `nil` when not every declaration's was noted.
    var matchFacts: MatchFactsTable? { get }
}

extension MatchKeys.Kind {
    /// The kind of ``code``.
    init(code: UInt8) {
        switch code {
        case 0: self = .transportDocument
        case 1: self = .container
        default: self = .invoice
        }
    }
}
