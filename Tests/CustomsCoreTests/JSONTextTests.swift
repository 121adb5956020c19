import CustomsCore
import Testing

/// ``JSONText`` escapes strings character by character as JSON requires and the product always
/// has, grows past its first block, and keeps copies apart.
@Suite struct JSONTextTests {
    /// The text of every character the escaping walk treats specially, built one scalar at a time
    /// (the escapes as the product wrote them before it wrote bytes).
    private static func expectedString(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    @Test(arguments: [
        "", "plain", "Алатау 霍尔果斯", "a\"b\\c", "\u{2028}\u{2029}", "\u{2027}\u{202A}€–—\u{E2}", "line\u{2028}",
        String((0..<0x20).map { Character(Unicode.Scalar($0)!) }) + "\u{7F}\u{80}\u{9F}", "\r\n", "x\u{2029}y\u{2028}",
        "путь/к/файлу \"в кавычках\" \\ \u{1}", String(repeating: "0123456789\"", count: 100),
    ])
    func stringsAreEscapedAsScalarByScalar(text: String) {
        var written = JSONText()
        written.appendString(text)
        #expect(written.text == Self.expectedString(text))
    }

    /// Each character that needs escaping, at every place of a text of two words and a tail
    /// (the escapes are looked for eight bytes at a time, then byte by byte).
    @Test func everyEscapeIsFoundWhereverItIs() {
        for special in ["\"", "\\", "\n", "\u{1}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "\u{2013}", "é", " ", "~"] {
            for place in 0...17 {
                let text = String(repeating: "a", count: place) + special + String(repeating: "b", count: 17 - place)
                var written = JSONText()
                written.appendString(text)
                #expect(written.text == Self.expectedString(text), "\(special) at \(place)")
            }
        }
    }

    @Test func growsAndKeepsCopiesApart() {
        var text = JSONText()
        for index in 0..<1000 { text.append(index) }
        let expected = (0..<1000).map(String.init).joined()
        #expect(text.text == expected && text.count == expected.utf8.count)
        var copy = text
        copy.append("!")
        text.append(",")
        #expect(copy.text == expected + "!" && text.text == expected + ",")
        let kept = text
        text.removeAll()
        text.append("{")
        #expect(kept.text == expected + "," && text.text == "{")
        text.append(kept)
        text.appendNewline(indent: 40)
        #expect(text.text == "{" + expected + ",\n" + String(repeating: " ", count: 80))
    }

    /// The bytes lent for writing out are the UTF-8 of the text, escapes and all.
    @Test func lendsTheUTF8OfItsText() {
        var text = JSONText()
        text.append("{\"id\": ")
        text.appendString("ЭКС-2024-001 \"Khorgos\"\n")
        text.append("}")
        #expect(text.withUTF8 { Array($0) } == Array(#"{"id": "ЭКС-2024-001 \"Khorgos\"\n"}"#.utf8))
        #expect(text.withUTF8(\.count) == text.count)
    }
}
