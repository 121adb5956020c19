internal import CLibXML2
import Foundation

/// Parses an HTML page with libxml2's HTML parser (no network) and returns what it complains
/// about: a check that a generated report is well-formed HTML.
///
/// libxml2 2.9 knows HTML 4 only: for HTML5 elements (`main`, `section`, `svg`, ...) it reports
/// an unknown-tag error (``Problem/isUnknownTag``), which callers may accept.
public enum HTMLCheck {
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        /// libxml2's error code (`XML_HTML_UNKNOWN_TAG` is 801).
        public var code: Int
        public var message: String

        /// True for libxml2's notice that a tag is not HTML 4.
        public var isUnknownTag: Bool { code == Int(XML_HTML_UNKNOWN_TAG.rawValue) }

        public var description: String { "line \(line): \(message) (code \(code))" }
    }

    /// Every error and warning libxml2's HTML parser reports on `html`.
    public static func problems(in html: String) -> [Problem] {
        XMLLibrary.prepare()
        let collector = Collector()
        let bytes = Array(html.utf8)
        guard !bytes.isEmpty else { return [Problem(line: 0, code: -1, message: "the page is empty")] }
        let context = Unmanaged.passUnretained(collector).toOpaque()
        // Thread-local: set and reset within this synchronous call.
        xmlSetStructuredErrorFunc(context, htmlErrorRelay)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let options = Int32(HTML_PARSE_NONET.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                htmlReadMemory(pointer, Int32(buffer.count), "report.html", "UTF-8", options)
            }
        }
        if let document { xmlFreeDoc(document) } else {
            collector.problems.append(Problem(line: 0, code: -1, message: "libxml2 could not parse the page at all"))
        }
        return collector.problems
    }

    final class Collector {
        var problems: [Problem] = []
    }
}

private let htmlErrorRelay: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    let collector = Unmanaged<HTMLCheck.Collector>.fromOpaque(context).takeUnretainedValue()
    let message = error.pointee.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown error"
    collector.problems.append(HTMLCheck.Problem(line: Int(error.pointee.line), code: Int(error.pointee.code), message: message))
}
