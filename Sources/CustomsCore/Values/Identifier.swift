/// Identifiers compared across declarations (transport document, container and invoice numbers).
public enum Identifier {
    /// Upper-case ASCII letters and digits only: `smgs-314 578 02` → `SMGS31457802`.
    ///
    /// ASCII text is mapped byte by byte; any other text is upper-cased as Unicode first (`ß`
    /// gives `SS`, a dotless `ı` gives `I`), then filtered the same way.
    public static func normalized(_ text: String) -> String {
        if let ascii = asciiNormalized(text) { return ascii }
        return String(text.uppercased().unicodeScalars.filter { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
    }

    /// ``normalized(_:)`` of an all-ASCII `text`; `nil` when it holds any other character.
    private static func asciiNormalized(_ text: String) -> String? {
        let utf8 = text.utf8
        let result = utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                var count = 0
                for byte in bytes {
                    switch byte {
                    case 0x30...0x39, 0x41...0x5A: buffer[count] = byte
                    case 0x61...0x7A: buffer[count] = byte - 0x20
                    default: continue
                    }
                    count += 1
                }
                return count
            }
        }
        return result ?? nil
    }
}
