/// Identifiers compared across declarations (transport document, container and invoice numbers).
public enum Identifier {
    /// Upper-case ASCII letters and digits only: `smgs-314 578 02` → `SMGS31457802`.
    public static func normalized(_ text: String) -> String {
        String(text.uppercased().unicodeScalars.filter { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
    }
}
