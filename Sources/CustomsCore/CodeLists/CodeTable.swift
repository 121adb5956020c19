/// One code table of `Schemas/codelists` — code → value — made for the lookups the adapters and
/// rules do for every goods item: a code of at most seven ASCII bytes (every national and ISO
/// code there: `142`, `007`, `USD`, `10`, `I`) is found by binary search among the table's codes
/// packed into 64-bit integers, without hashing a string; any other code in a dictionary.
///
/// Gives exactly what the dictionary `[String: Value]` it is made from gives: `String` equality
/// is canonical equivalence (U+212A KELVIN SIGN equals `K`), which for ASCII text is byte
/// equality, so packed codes are used only when every code of the table is ASCII, and a code
/// that is not ASCII is always looked up in the dictionary.
struct CodeTable<Value: Sendable>: Sendable {
    /// The packed codes (``CodeKey/packed``), ascending; empty when some code is not ASCII.
    private let keys: [UInt64]
    /// `values[i]` is the value of `keys[i]`.
    private let values: [Value]
    /// The whole table, for the codes that are not packed.
    let dictionary: [String: Value]

    init(_ dictionary: [String: Value]) {
        self.dictionary = dictionary
        var packed: [(key: UInt64, value: Value)] = []
        for (code, value) in dictionary {
            guard let key = CodeKey(code, uppercased: false).packed else {
                // A code that is not ASCII (or longer): the dictionary only, for codes of every length.
                if code.utf8.contains(where: { $0 >= 0x80 }) {
                    packed = []
                    break
                }
                continue
            }
            packed.append((key, value))
        }
        packed.sort { $0.key < $1.key }
        keys = packed.map(\.key)
        values = packed.map(\.value)
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
        guard !keys.isEmpty || dictionary.isEmpty, let packed = key.packed else {
            return dictionary[key.uppercased ? code.uppercased() : code]
        }
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) >> 1
            if keys[middle] < packed { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == packed ? values[low] : nil
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
