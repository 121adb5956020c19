internal import CLibXML2

/// Swift strings for the names of one libxml2 dictionary, keyed by the address it gives each
/// distinct name: one String per name, found again by its address with an open-addressing table
/// (cheaper than hashing a pointer through `Hasher` for every element). A parser kept for the
/// next document keeps its dictionary, and so its names (``SAXPushParser``).
///
/// Used by one thread at a time (the parser's): the dynamic exclusivity checks are off.
final class InternedNames {
    /// 256 places: a declaration format has fewer than 128 names, so one table holds a document's.
    @exclusivity(unchecked) private var keys: [UnsafePointer<xmlChar>?] = Array(repeating: nil, count: 256)
    @exclusivity(unchecked) private var values: [String] = Array(repeating: "", count: 256)
    @exclusivity(unchecked) private(set) var count = 0

    func name(at pointer: UnsafePointer<xmlChar>) -> String {
        var slot = Self.slot(of: pointer, mask: keys.count - 1)
        while let key = keys[slot] {
            if key == pointer { return values[slot] }
            slot = (slot + 1) & (keys.count - 1)
        }
        let name = String(cString: pointer)
        keys[slot] = pointer
        values[slot] = name
        count += 1
        if count * 2 > keys.count { grow() }
        return name
    }

    static func slot(of pointer: UnsafePointer<xmlChar>, mask: Int) -> Int {
        // Fibonacci hashing of the address (dictionary strings are packed, not aligned).
        let bits = UInt(bitPattern: pointer)
        return Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    private func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: nil, count: oldKeys.count * 2)
        values = Array(repeating: "", count: oldKeys.count * 2)
        let mask = keys.count - 1
        for (index, key) in oldKeys.enumerated() {
            guard let key else { continue }
            var slot = Self.slot(of: key, mask: mask)
            while keys[slot] != nil { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = oldValues[index]
        }
    }
}
