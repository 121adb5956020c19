/// Personal data of private persons (a buyer's identity-card number, a phone number): masked in
/// every output except the `asFiled` of `harmonize` (`SPEC.md`).
public enum PersonalData {
    /// Keeps the last two characters and replaces the rest with `*`: `110101199001011234` → `****************34`.
    public static func mask(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count > 4 else { return String(repeating: "*", count: characters.count) }
        return String(repeating: "*", count: characters.count - 2) + String(characters.suffix(2))
    }

    /// The asFiled name without its `#n` repetition suffix.
    public static func baseName(_ name: String) -> String {
        guard let hash = name.lastIndex(of: "#") else { return name }
        return String(name[..<hash])
    }
}
