/// The unified social credit code of Chinese companies (统一社会信用代码, GB 32100-2015):
/// 18 characters from a 31-character alphabet, the last one a check character.
///
/// The check: each of the first 17 characters has the value of its position in the alphabet
/// `0123456789ABCDEFGHJKLMNPQRTUWXY` and the weight 3^i mod 31 (i from 0); the check value is
/// 31 − (sum mod 31), and 31 counts as 0 (DOMAIN.md, "Code systems"). An algorithm, not a code
/// table.
public enum USCC {
    public static let length = 18
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    /// The check character the first 17 characters of `code` call for; `nil` when `code` is
    /// not 18 characters long or holds a character outside the alphabet.
    public static func checkCharacter(_ code: String) -> Character? {
        let characters = Array(code)
        guard characters.count == length else { return nil }
        var sum = 0
        var weight = 1
        for character in characters.prefix(length - 1) {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            sum += value * weight
            weight = weight * 3 % 31
        }
        let check = (31 - sum % 31) % 31
        return alphabet[check]
    }

    /// True when `code` is 18 characters of the alphabet ending in its check character.
    public static func isValid(_ code: String) -> Bool {
        guard let expected = checkCharacter(code) else { return false }
        return code.last == expected && alphabet.contains(expected)
    }
}
