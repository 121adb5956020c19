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
        let characters = Array(id)
        guard characters.count == 10 || characters.count == 11,
              characters[0..<3].allSatisfy(isCapital), ["U", "J", "Z"].contains(characters[3]),
              characters[4...].allSatisfy({ $0.isASCII && $0.isNumber })
        else { return .notISO6346 }
        guard let expected = checkDigit(characters[0..<10]) else { return .notISO6346 }
        guard characters.count == 11 else { return .missingCheckDigit(expected: expected) }
        return characters[10].wholeNumberValue == expected ? .valid : .wrongCheckDigit(found: characters[10], expected: expected)
    }

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
