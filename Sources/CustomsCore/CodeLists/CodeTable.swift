/// One code table of `Schemas/codelists` — code → value — made for the lookups the adapters and
/// rules do for every goods item: a code of at most seven ASCII bytes (every national and ISO
/// code there: `142`, `007`, `USD`, `10`, `I`) is found in a small open-addressing table of the
/// codes packed into 64-bit integers, without hashing a string; any other code in a dictionary.
///
/// Gives exactly what the dictionary `[String: Value]` it is made from gives: `String` equality
/// is canonical equivalence (U+212A KELVIN SIGN equals `K`), which for ASCII text is byte
/// equality, so packed codes are used only when every code of the table is ASCII, and a code
/// that is not ASCII is always looked up in the dictionary.
struct CodeTable<Value: Sendable>: Sendable {
    /// The packed codes (``CodeKey/packed``), each at the first free place from its hash on, in a
    /// table of a power-of-two size at least twice their number (so a search always ends at a
    /// vacant place); empty when some code is not ASCII.
    private let slots: [UInt64]
    /// `values[i]` is the value of the code in `slots[i]`; `nil` at a vacant place.
    private let values: [Value?]
    /// 64 minus the number of bits of a place.
    private let shift: UInt64
    /// The whole table, for the codes that are not packed.
    let dictionary: [String: Value]

    /// No packed code: its lowest byte, its length, is at most 7.
    private static var vacant: UInt64 { .max }

    init(_ dictionary: [String: Value]) {
        self.dictionary = dictionary
        var packed: [(key: UInt64, value: Value)] = []
        var ascii = true
        for (code, value) in dictionary {
            guard let key = CodeKey(code, uppercased: false).packed else {
                // A code that is not ASCII: the dictionary only, for codes of every length.
                if code.utf8.contains(where: { $0 >= 0x80 }) { ascii = false }
                continue
            }
            packed.append((key, value))
        }
        var bits: UInt64 = 3
        while 1 << bits < 2 * packed.count { bits += 1 }
        shift = 64 - bits
        guard ascii else {
            slots = []
            values = []
            return
        }
        var slots = [UInt64](repeating: Self.vacant, count: 1 << bits)
        var values = [Value?](repeating: nil, count: 1 << bits)
        for (key, value) in packed {
            var place = Self.place(of: key, shift: shift)
            while slots[place] != Self.vacant { place = (place + 1) & (slots.count - 1) }
            slots[place] = key
            values[place] = value
        }
        self.slots = slots
        self.values = values
    }

    /// Where the search for `key` starts: the high bits of its Fibonacci hash.
    private static func place(of key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// `dictionary[code]`.
    subscript(code: String) -> Value? {
        self[CodeKey(code, uppercased: false), code]
    }

    /// `dictionary[code.uppercased()]`: an ASCII code has its letters upper-cased as it is packed.
    func value(uppercased code: String) -> Value? {
        self[CodeKey(code, uppercased: true), code]
    }

    /// The value of `code` read as `key` (``CodeKey/init(_:uppercased:)``): by the packed key,
    /// or from the dictionary under the code (upper-cased when the key is).
    subscript(key: CodeKey, code: String) -> Value? {
        guard !slots.isEmpty, let packed = key.packed else {
            return dictionary[key.uppercased ? code.uppercased() : code]
        }
        var place = Self.place(of: packed, shift: shift)
        while true {
            let slot = slots[place]
            if slot == packed { return values[place] }
            if slot == Self.vacant { return nil }
            place = (place + 1) & (slots.count - 1)
        }
    }
}

/// One ``CodeTable`` per ``CodeSystem``, each a stored property: a lookup picks its table by a
/// switch, without hashing the system's name, and reads it in place.
struct CodeSystemTables<Value: Sendable>: Sendable {
    private let china: CodeTable<Value>
    private let eaeu: CodeTable<Value>
    private let isoNumeric: CodeTable<Value>
    private let rec19: CodeTable<Value>
    private let wco: CodeTable<Value>

    /// The tables of `dictionaries`; a system it does not name has an empty table.
    init(_ dictionaries: [CodeSystem: [String: Value]]) {
        func table(_ system: CodeSystem) -> CodeTable<Value> { CodeTable(dictionaries[system] ?? [:]) }
        china = table(.china)
        eaeu = table(.eaeu)
        isoNumeric = table(.isoNumeric)
        rec19 = table(.rec19)
        wco = table(.wco)
    }

    /// `dictionaries[system]?[code]`.
    subscript(system: CodeSystem, code: String) -> Value? {
        switch system {
        case .china: china[code]
        case .eaeu: eaeu[code]
        case .isoNumeric: isoNumeric[code]
        case .rec19: rec19[code]
        case .wco: wco[code]
        }
    }
}
