/// Source element (or column) name → raw text, in the order read, for every value that was
/// mapped or converted (national codes, units, currencies, dates).
///
/// A name read twice with different text keeps both: the second under `name#2`.
public struct AsFiled: Sendable, Hashable {
    public private(set) var entries: [(name: String, raw: String)] = []

    public init() {}

    public init(_ entries: [(String, String)]) {
        for (name, raw) in entries { set(name, raw) }
    }

    /// Entries read back exactly as an `AsFiled` held them (names already unique, in order):
    /// for ``DeclarationCodec``, which would otherwise replay ``set(_:_:)`` entry by entry.
    init(decodedEntries: [(name: String, raw: String)]) {
        entries = decodedEntries
    }

    /// Makes room for `count` entries in all, so that setting them does not grow the storage
    /// one entry at a time.
    public mutating func reserveCapacity(_ count: Int) {
        entries.reserveCapacity(count)
    }

    public mutating func set(_ name: String, _ raw: String) {
        if let existing = entries.firstIndex(where: { $0.name == name }) {
            if entries[existing].raw == raw { return }
            var suffix = 2
            while entries.contains(where: { $0.name == "\(name)#\(suffix)" }) { suffix += 1 }
            entries.append((name: "\(name)#\(suffix)", raw: raw))
        } else {
            entries.append((name: name, raw: raw))
        }
    }

    public subscript(name: String) -> String? {
        entries.first { $0.name == name }?.raw
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// Replaces the raw text of the named entries (used to mask personal data).
    public mutating func mask(_ names: Set<String>, with replacement: (String) -> String) {
        for index in entries.indices where names.contains(entries[index].name) {
            entries[index].raw = replacement(entries[index].raw)
        }
    }

    public static func == (lhs: AsFiled, rhs: AsFiled) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.name == $1.name && $0.raw == $1.raw }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.name)
            hasher.combine(entry.raw)
        }
    }
}
