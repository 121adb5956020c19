/// China's Unified Social Credit Code (统一社会信用代码), GB 32100-2015: 18 characters from the
/// alphabet `0123456789ABCDEFGHJKLMNPQRTUWXY` (no I, O, S, V, Z), the last a check character:
/// weights 3^i mod 31 for i = 0...16, check = 31 − (Σ value × weight mod 31), 31 giving 0
/// (DOMAIN.md, "Code systems").
public enum USCC {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    public enum Outcome: Sendable, Hashable {
        case valid
        case wrongCheckCharacter(found: Character, expected: Character)
        /// A character outside the USCC alphabet, at a 1-based position.
        case invalidCharacter(Character, position: Int)
        case wrongLength
    }

    /// True when `id` is 18 characters of the alphabet ending in its check character.
    public static func isValid(_ id: String) -> Bool { check(id) == .valid }

    /// The check character the first 17 characters of `id` call for; `nil` when `id` is not 18
    /// characters long or holds a character outside the alphabet.
    public static func checkCharacter(_ id: String) -> Character? {
        switch check(id) {
        case .valid: id.last
        case let .wrongCheckCharacter(_, expected): expected
        case .invalidCharacter, .wrongLength: nil
        }
    }

    public static func check(_ id: String) -> Outcome {
        if let outcome = id.utf8.withContiguousStorageIfAvailable(checkPrintableASCII), let outcome { return outcome }
        let characters = Array(id)
        guard characters.count == 18 else { return .wrongLength }
        var sum = 0
        var weight = 1
        for (index, character) in characters.prefix(17).enumerated() {
            guard let value = alphabet.firstIndex(of: character) else { return .invalidCharacter(character, position: index + 1) }
            sum += value * weight
            weight = weight * 3 % 31
        }
        let expected = alphabet[(31 - sum % 31) % 31]
        guard alphabet.contains(characters[17]) else { return .invalidCharacter(characters[17], position: 18) }
        return characters[17] == expected ? .valid : .wrongCheckCharacter(found: characters[17], expected: expected)
    }

    /// ``check(_:)`` of an id in printable ASCII (one byte per character), byte by byte; `nil`
    /// for any other text.
    private static func checkPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome? {
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        guard bytes.count == 18 else { return .wrongLength }
        var sum = 0
        var weight = 1
        for index in 0..<17 {
            let value = alphabetValues[Int(bytes[index])]
            guard value >= 0 else { return .invalidCharacter(Character(Unicode.Scalar(bytes[index])), position: index + 1) }
            sum += value * weight
            weight = weight * 3 % 31
        }
        let expected = alphabet[(31 - sum % 31) % 31]
        let last = Character(Unicode.Scalar(bytes[17]))
        guard alphabetValues[Int(bytes[17])] >= 0 else { return .invalidCharacter(last, position: 18) }
        return last == expected ? .valid : .wrongCheckCharacter(found: last, expected: expected)
    }

    /// Per ASCII byte: its value in ``alphabet``, or -1.
    private static let alphabetValues: [Int] = (0..<128).map { byte in
        alphabet.firstIndex(of: Character(Unicode.Scalar(UInt8(byte)))) ?? -1
    }

    /// True when `id` is a valid PRC resident identity card number (GB 11643-1999, ISO 7064
    /// MOD 11-2): a private person's id, which is no USCC and must not be checked as one.
    public static func isResidentIdentityNumber(_ id: String) -> Bool {
        let characters = Array(id)
        guard characters.count == 18, characters.prefix(17).allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        var sum = 0
        for (index, character) in characters.prefix(17).enumerated() {
            let weight = (1 << (17 - index)) % 11
            sum += (character.wholeNumberValue ?? 0) * weight
        }
        let check = (12 - sum % 11) % 11
        return check == 10 ? characters[17] == "X" : characters[17].wholeNumberValue == check
    }
}
