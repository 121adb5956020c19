/// The place of a short code — two or three ASCII capital letters and digits, as ISO 3166
/// alpha-2/3, ISO 4217 and most UN/ECE Rec 20 codes are — among all such codes: 0..<37² for
/// two characters, 37²..<37² + 37³ for three. For tables indexed by code (bit sets, memos)
/// that check a code without hashing a string.
public enum ShortCodeKey {
    /// The number of places.
    public static let count = 37 * 37 + 37 * 37 * 37

    /// `nil` for anything but two or three capitals (and digits, unless `digits` is `false`).
    public static func of(_ bytes: UnsafeBufferPointer<UInt8>, digits: Bool = true) -> Int? {
        let count = bytes.count
        guard count == 2 || count == 3 else { return nil }
        var key = 0
        for byte in bytes {
            let digit: Int
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { digit = Int(byte - UInt8(ascii: "A")) + 11 }
            else if digits, byte >= 0x30, byte <= 0x39 { digit = Int(byte - 0x30) + 1 }
            else { return nil }
            key = key * 37 + digit
        }
        return count == 3 ? key + 37 * 37 : key
    }

    public static func of(_ code: String, digits: Bool = true) -> Int? {
        var code = code
        return code.withUTF8 { of($0, digits: digits) }
    }
}
