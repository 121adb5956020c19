/// libxml2's own limits and refusals, said so that a user knows what was refused and why.
extension XMLErrorSink {
    /// The namespaces of XInclude (the 2001 recommendation and the 2003 draft libxml2 also knows).
    static let xincludeNamespaces: Set<String> = ["http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude"]

    /// A readable `xml.limit` message for libxml2's limits without `HUGE` (10,000,000 bytes for a
    /// text node, an attribute value or a lookup; 50,000 for a name), `nil` for other messages.
    static func libraryLimit(_ message: String) -> String? {
        if message.contains("huge text node") {
            return "a text node longer than libxml2's limit of 10,000,000 bytes; the document is refused, not truncated"
        }
        if message.contains("AttValue length too long") {
            return "an attribute value longer than libxml2's limit of 10,000,000 bytes; the document is refused"
        }
        if message.contains("Huge input lookup") {
            return "a single value (attribute, text, comment or name) runs past libxml2's limit of 10,000,000 bytes; the document is refused"
        }
        if message.contains("Name too long") {
            return "an element or attribute name longer than libxml2's limit of 50,000 bytes; the document is refused"
        }
        return nil
    }

    /// A readable `xml.malformed` message for "Char 0x0 out of allowed range" (a control character
    /// XML does not allow), `nil` for other messages.
    static func disallowedCharacter(_ message: String) -> String? {
        guard message.hasPrefix("Char 0x"), message.contains("out of allowed range") else { return nil }
        let hex = message.dropFirst("Char 0x".count).prefix { $0.isHexDigit }
        guard let value = UInt32(hex, radix: 16) else { return nil }
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex.uppercased()
        if value == 0 {
            return "a NUL byte (\(code)), which XML does not allow: binary data, or UTF-16 without a byte-order mark or XML declaration?"
        }
        return "the control character \(code), which XML does not allow"
    }

    /// A readable `encoding.invalid` message for libxml2's "Input is not proper UTF-8, indicate
    /// encoding ! Bytes: 0xC8 0xCC ..." (bytes that are not UTF-8, the encoding the document
    /// declares or defaults to), `nil` for other messages. Which legacy encoding the bytes are
    /// in is not guessed: both of the corridor's usual ones are named.
    static func notUTF8(_ message: String) -> String? {
        guard message.hasPrefix("Input is not proper UTF-8") else { return nil }
        let bytes = message.range(of: "Bytes: ").map { " (\(message[$0.upperBound...]))" } ?? ""
        return "the bytes here\(bytes) are not UTF-8, the encoding the document declares (or, without a declaration, the XML default); if it was saved as windows-1251 (Russian or Kazakh) or GBK (Chinese), its XML declaration must say so, or pass --encoding"
    }

    /// Adds the finding for a refusal of ``XMLMarkupGuard``.
    func add(_ refusal: XMLMarkupGuard.Refusal, limits: XMLLimits) {
        switch refusal {
        case .attributes:
            add("xml.limit", "an element with more than \(limits.maxAttributes) attributes (the limit); the document is refused", line: nil, column: nil)
        case .text:
            add(
                "xml.limit",
                "one element holds more than \(limits.maxTextBytes * 2) bytes of text in the file, twice the text limit of \(limits.maxTextBytes) bytes; the document is refused, not truncated",
                line: nil, column: nil)
        case .doctype:
            add(
                "xml.dtd-forbidden",
                "the document carries a DOCTYPE; a declaration must not, and its entities were not read",
                line: nil, column: nil)
        }
    }
}
