/// Makes an ``AsFiled`` from an array of entries without replaying ``AsFiled/set(_:_:)``.
///
/// `set` appends to an array that starts empty: for a decoded declaration that meant a growing
/// array per `asFiled` (four allocations for eight entries) and a name search per entry, a fifth
/// of the decoding time. `AsFiled`'s only stored property is `entries`, so the struct has exactly
/// that array's layout and an array read with the right capacity can simply become one.
enum AsFiledStorage {
    typealias Entries = [(name: String, raw: String)]

    /// True when `AsFiled` holds nothing but its `entries` array (checked once, by reflection on
    /// its stored properties, and on a probe): then ``adopt(_:)`` is a plain move of the array.
    /// Should `AsFiled` gain another stored property, this turns false and decoding replays `set`.
    static let adoptable: Bool = {
        let fields = Mirror(reflecting: AsFiled()).children
        guard MemoryLayout<AsFiled>.size == MemoryLayout<Entries>.size,
              MemoryLayout<AsFiled>.alignment == MemoryLayout<Entries>.alignment,
              fields.count == 1, fields.first?.label == "entries", fields.first?.value is Entries
        else { return false }
        let probe: Entries = [(name: "GUnit", raw: "007"), (name: "GUnit#2", raw: "035")]
        return unsafeBitCast(probe, to: AsFiled.self) == AsFiled([("GUnit", "007"), ("GUnit", "035")])
    }()

    /// `entries` as an `AsFiled`, in order; only when ``adoptable``.
    static func adopt(_ entries: Entries) -> AsFiled {
        precondition(adoptable)
        return unsafeBitCast(entries, to: AsFiled.self)
    }
}
