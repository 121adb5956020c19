internal import CLibXML2
import CustomsCore
import Foundation

/// Receives libxml2's structured errors for one document and turns them into findings.
final class XMLErrorSink {
    var findings: [Finding] = []
    var fatal = false
    let file: String
    /// Schema violations beyond this many per document are summarized, not listed one by one.
    let maxSchemaFindings = 1000
    private var schemaCount = 0

    init(file: String) {
        self.file = file
    }

    func record(_ error: UnsafeMutablePointer<xmlError>) {
        let e = error.pointee
        // libxml2 splits some messages over lines ("... indicate encoding !\nBytes: 0xC8 ..."):
        // a finding is one line.
        let message = e.message.map { XMLText.trimmed(String(cString: $0)).split(whereSeparator: \.isNewline).joined(separator: " ") }
            ?? "unknown libxml2 error"
        let line = e.line > 0 ? Int(e.line) : nil
        let column = e.int2 > 0 ? Int(e.int2) : nil
        let domain = Int(e.domain)
        let code = Int(e.code)
        if e.level == XML_ERR_WARNING { return }
        if domain == Int(XML_FROM_SCHEMASV.rawValue) {
            schemaCount += 1
            if schemaCount > maxSchemaFindings { return }
            add("schema.violation", message, line: line, column: column)
            return
        }
        // A fatal parser error ends the document; later errors are its echoes.
        if fatal { return }
        if e.level == XML_ERR_FATAL { fatal = true }
        switch code {
        case Int(XML_ERR_UNSUPPORTED_ENCODING.rawValue), Int(XML_ERR_ENCODING_NAME.rawValue):
            add("encoding.unsupported", message, line: line, column: column)
        case Int(XML_ERR_INVALID_CHAR.rawValue), Int(XML_ERR_INVALID_ENCODING.rawValue), Int(XML_IO_ENCODER.rawValue):
            if let character = Self.disallowedCharacter(message) {
                // A valid byte in any encoding, but not a character XML allows.
                add("xml.malformed", character, line: line, column: column)
            } else if let notUTF8 = Self.notUTF8(message) {
                add("encoding.invalid", notUTF8, line: line, column: column)
            } else if message.contains("UTF-8") || message.contains("encoding") || message.contains("Char 0x") {
                add("encoding.invalid", message, line: line, column: column)
            } else {
                add("xml.malformed", message, line: line, column: column)
            }
        default:
            if message.contains("Excessive depth") {
                add("xml.limit", "element nesting deeper than libxml2's limit of 256 levels", line: line, column: column)
            } else if let limit = Self.libraryLimit(message) {
                add("xml.limit", limit, line: line, column: column)
            } else if message.contains("huge") || message.contains("HUGE") || message.contains("too long") || message.contains("limit") {
                add("xml.limit", message.replacingOccurrences(of: " use XML_PARSE_HUGE option", with: ""), line: line, column: column)
            } else {
                add("xml.malformed", message, line: line, column: column)
            }
        }
    }

    var schemaOverflow: Int { max(0, schemaCount - maxSchemaFindings) }

    func add(_ rule: String, _ message: String, line: Int?, column: Int?) {
        findings.append(Finding(
            rule: rule, message: message, file: file, line: line, column: column.map(FindingColumn.number)))
    }
}

let structuredErrorRelay: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    Unmanaged<XMLErrorSink>.fromOpaque(context).takeUnretainedValue().record(error)
}
