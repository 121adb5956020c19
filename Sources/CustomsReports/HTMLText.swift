/// HTML escaping: every text and attribute value written into a report goes through here.
public enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as character references; control characters other than tab
    /// and line ends (invalid in HTML) as U+FFFD.
    public static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    output += "\u{FFFD}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    /// A fragment identifier made of letters, digits, `.`, `-` and `_` only.
    static func anchor(_ prefix: String, _ name: String) -> String {
        prefix + "-" + String(name.unicodeScalars.map { scalar -> Character in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "-" || scalar == "_"
                ? Character(scalar) : "_"
        })
    }
}
