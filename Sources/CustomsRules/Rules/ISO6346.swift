/// ISO 6346 freight container identification: a 3-letter owner code, an equipment category
/// letter (U freight container, J detachable equipment, Z trailer or chassis), a 6-digit serial
/// number and a check digit (DOMAIN.md, "Code systems").
///
/// The check digit: letters take the values 10, 12, 13, ... skipping multiples of 11 (A=10,
/// B=12, ..., Z=38), digits their own value; each of the first ten characters is weighted
/// 2^position; the sum modulo 11 is the digit, a remainder of 10 giving 0.
public enum ISO6346 {
    public enum Outcome: Sendable, Hashable {
        case valid
        /// In ISO 6346 form, but the last digit is not the check digit.
        case wrongCheckDigit(found: Character, expected: Int)
        /// The owner code, category and serial are right, but the check digit is absent.
        case missingCheckDigit(expected: Int)
        /// Not in ISO 6346 form at all.
        case notISO6346
    }

    public static func check(_ id: String) -> Outcome {
        if let outcome = id.utf8.withContiguousStorageIfAvailable(checkPrintableASCII), let outcome { return outcome }
        let characters = Array(id)
        guard characters.count == 10 || characters.count == 11,
              characters[0..<3].allSatisfy(isCapital), ["U", "J", "Z"].contains(characters[3]),
              characters[4...].allSatisfy({ $0.isASCII && $0.isNumber })
        else { return .notISO6346 }
        guard let expected = checkDigit(characters[0..<10]) else { return .notISO6346 }
        guard characters.count == 11 else { return .missingCheckDigit(expected: expected) }
        return characters[10].wholeNumberValue == expected ? .valid : .wrongCheckDigit(found: characters[10], expected: expected)
    }

    /// ``check(_:)`` of an identification in printable ASCII (one byte per character), byte by
    /// byte; `nil` for any other text.
    private static func checkPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome? {
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        func isCapital(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
        guard bytes.count == 10 || bytes.count == 11, isCapital(bytes[0]), isCapital(bytes[1]), isCapital(bytes[2]),
              bytes[3] == UInt8(ascii: "U") || bytes[3] == UInt8(ascii: "J") || bytes[3] == UInt8(ascii: "Z"),
              bytes[4...].allSatisfy(isDigit)
        else { return .notISO6346 }
        var sum = 0
        for index in 0..<10 {
            let byte = bytes[index]
            sum += (isDigit(byte) ? Int(byte - 0x30) : letterValues[Int(byte - 0x41)]) << index
        }
        let expected = sum % 11 % 10
        guard bytes.count == 11 else { return .missingCheckDigit(expected: expected) }
        return Int(bytes[10] - 0x30) == expected ? .valid : .wrongCheckDigit(found: Character(Unicode.Scalar(bytes[10])), expected: expected)
    }

    /// The values of `A` ... `Z` (``value(of:)``).
    private static let letterValues: [Int] = (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { value(of: Character(Unicode.Scalar($0)))! }

    /// The check digit of the first ten characters (owner, category, serial).
    public static func checkDigit(_ characters: ArraySlice<Character>) -> Int? {
        var sum = 0
        var weight = 1
        for character in characters {
            guard let value = value(of: character) else { return nil }
            sum += value * weight
            weight *= 2
        }
        return sum % 11 % 10
    }

    static func value(of character: Character) -> Int? {
        if character.isASCII, let digit = character.wholeNumberValue { return digit }
        guard isCapital(character), let ascii = character.asciiValue else { return nil }
        var value = 10
        for _ in UInt8(ascii: "A")..<ascii {
            value += 1
            if value % 11 == 0 { value += 1 }
        }
        return value
    }

    static func isCapital(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return ascii >= UInt8(ascii: "A") && ascii <= UInt8(ascii: "Z")
    }
}
