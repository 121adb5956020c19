internal import CLibXML2
public import CustomsCore
import Foundation

/// An element start as the streaming reader meets it, before its content is read.
public struct XMLStartTag: Sendable, Hashable {
    public var name: String
    public var namespace: String?
    /// 0 for the root element.
    public var depth: Int
    public var line: Int
}

/// What to do with an element the reader meets outside any record.
public enum XMLNodeRole: Sendable {
    /// Keep streaming into its children without holding it.
    case descend
    /// Read the whole element into an ``XMLElement`` and hand it over.
    case record
}

/// The outcome of reading one document.
public struct XMLReadOutcome: Sendable {
    public var findings: [Finding]
    /// True when reading stopped early: not well-formed, DOCTYPE, a limit, an encoding failure.
    public var stopped: Bool
    public var root: XMLStartTag?
}

/// Streams one XML document with libxml2's text reader, in memory bounded by the largest
/// record (a declaration), never loading the whole file as a tree.
///
/// Secure by construction: the options of ``XMLLibrary/secureOptions``, the deny-by-default
/// entity loader, and a DOCTYPE anywhere is `xml.dtd-forbidden` before any content is read.
/// When a ``XMLSchema`` is given, the document is validated against it in the same pass;
/// violations are `schema.violation` findings with line and column, and reading goes on.
/// Findings: `xml.malformed` (line, column), `xml.dtd-forbidden`, `xml.limit`,
/// `encoding.unsupported`, `encoding.invalid`, `schema.violation`, `file.unreadable`.
public struct XMLDocumentReader {
    public var path: String
    /// A displayable file name for findings.
    public var displayName: String
    /// An encoding that overrides the document's own declaration (`--encoding`).
    public var encoding: String?
    public var schema: XMLSchema?
    public var limits: XMLLimits

    public init(path: String, displayName: String? = nil, encoding: String? = nil, schema: XMLSchema? = nil, limits: XMLLimits = .standard) {
        self.path = path
        self.displayName = displayName ?? path
        self.encoding = encoding
        self.schema = schema
        self.limits = limits
    }

    /// Reads a document held in memory (a stored declaration), the same way as a file.
    public static func read(
        bytes: [UInt8], displayName: String, limits: XMLLimits = .standard,
        role: (XMLStartTag) -> XMLNodeRole, onRecord: (XMLElement) -> Void
    ) -> XMLReadOutcome {
        XMLLibrary.prepare()
        let sink = XMLErrorSink(file: displayName)
        var markup = XMLMarkupGuard(maxAttributes: limits.maxAttributes, maxTextBytes: limits.maxTextBytes)
        if !bytes.withUnsafeBytes({ markup.consume($0) }) || bytes.count > Int(Int32.max) {
            if let refusal = markup.refusal {
                sink.add(refusal, limits: limits)
            } else {
                sink.add("xml.limit", "the document is larger than 2 GiB, more than can be read from memory", line: nil, column: nil)
            }
            return XMLReadOutcome(findings: sink.findings, stopped: true, root: nil)
        }
        return bytes.withUnsafeBufferPointer { buffer in
            let reader = buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlReaderForMemory(chars.baseAddress, Int32(buffer.count), nil, "UTF-8", XMLLibrary.secureOptions)
            }
            guard let reader else {
                sink.add("xml.malformed", "libxml2 could not start reading the document", line: nil, column: nil)
                return XMLReadOutcome(findings: sink.findings, stopped: true, root: nil)
            }
            xmlTextReaderSetStructuredErrorHandler(reader, structuredErrorRelay, Unmanaged.passUnretained(sink).toOpaque())
            var walker = RecordWalker(reader: reader, sink: sink, limits: limits)
            let stopped = walker.walk(role: role, onRecord: onRecord)
            xmlFreeTextReader(reader)
            withExtendedLifetime(sink) {}
            return XMLReadOutcome(findings: sink.findings, stopped: stopped, root: walker.root)
        }
    }

    /// Reads the document, asking `role` about each element met outside a record and passing
    /// every element marked `.record` to `onRecord` once it is complete.
    public func read(
        role: (XMLStartTag) -> XMLNodeRole,
        onRecord: (XMLElement) -> Void
    ) -> XMLReadOutcome {
        XMLLibrary.prepare()
        let sink = XMLErrorSink(file: displayName)
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            sink.add("file.unreadable", "cannot open the file: \(String(cString: strerror(errno)))", line: nil, column: nil)
            return XMLReadOutcome(findings: sink.findings, stopped: true, root: nil)
        }
        defer { close(descriptor) }
        let input = GuardedInput(descriptor: descriptor, limits: limits, sink: sink)
        let inputContext = Unmanaged.passUnretained(input).toOpaque()
        guard let reader = xmlReaderForIO(guardedRead, guardedClose, inputContext, path, encoding, XMLLibrary.secureOptions) else {
            sink.add("xml.malformed", "libxml2 could not start reading the document", line: nil, column: nil)
            return XMLReadOutcome(findings: sink.findings, stopped: true, root: nil)
        }
        var validation: OpaquePointer?
        if let schema {
            validation = xmlSchemaNewValidCtxt(schema.pointer)
            if let validation, xmlTextReaderSchemaValidateCtxt(reader, validation, 0) != 0 {
                sink.add("schema.unavailable", "the XSD could not be attached to the reader", line: nil, column: nil)
            }
        }
        let context = Unmanaged.passUnretained(sink).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(reader, structuredErrorRelay, context)
        var walker = RecordWalker(reader: reader, sink: sink, limits: limits)
        var stopped = walker.walk(role: role, onRecord: onRecord)
        // The reader goes before the validation context plugged into it.
        xmlFreeTextReader(reader)
        if let validation { xmlSchemaFreeValidCtxt(validation) }
        withExtendedLifetime(input) {}
        if let refusal = input.refusal {
            sink.findings.removeSubrange(min(input.findingsAtRefusal, sink.findings.count)...)
            sink.add(refusal, limits: limits)
            stopped = true
        }
        if sink.schemaOverflow > 0 {
            sink.add("schema.violation", "\(sink.schemaOverflow) more schema violations in this document are not listed", line: nil, column: nil)
        }
        withExtendedLifetime(sink) {}
        return XMLReadOutcome(findings: sink.findings, stopped: stopped, root: walker.root)
    }
}

/// The loop over reader nodes; builds records with a stack of open elements.
private struct RecordWalker {
    let reader: xmlTextReaderPtr
    let sink: XMLErrorSink
    let limits: XMLLimits
    var root: XMLStartTag?
    private var names: [UnsafePointer<xmlChar>: String] = [:]
    private var open: [XMLElement] = []
    private var recordNodes = 0
    /// Names of every element open at the reader's position, root first.
    private var openNames: [String] = []

    init(reader: xmlTextReaderPtr, sink: XMLErrorSink, limits: XMLLimits) {
        self.reader = reader
        self.sink = sink
        self.limits = limits
    }

    /// Returns true when reading stopped before the end of the document.
    mutating func walk(role: (XMLStartTag) -> XMLNodeRole, onRecord: (XMLElement) -> Void) -> Bool {
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 {
                explainTruncation()
                return sink.fatal
            }
            if status < 0 {
                explainTruncation()
                // A limit or encoding error already says why reading stopped: no second, vaguer finding.
                if !sink.fatal && !sink.findings.contains(where: { $0.rule.hasPrefix("xml.") || $0.rule.hasPrefix("encoding.") }) {
                    let line = Int(xmlTextReaderGetParserLineNumber(reader))
                    sink.add("xml.malformed", "the document is not well-formed XML", line: line > 0 ? line : nil, column: nil)
                }
                return true
            }
            if sink.fatal { return true }
            let type = xmlTextReaderNodeType(reader)
            switch type {
            case 1:
                if !startElement(role: role, onRecord: onRecord) { return true }
            case 15:
                openNames.removeLast()
                endElement(onRecord: onRecord)
            case 3, 4:
                guard !open.isEmpty, let value = xmlTextReaderConstValue(reader) else { continue }
                let text = String(cString: value)
                if text.utf8.count > limits.maxTextBytes {
                    limit("a text node of \(text.utf8.count) bytes exceeds the limit of \(limits.maxTextBytes) bytes; the document is refused, not truncated")
                    return true
                }
                // Text split by comments or CDATA sections adds up in one element: the limit holds for the whole.
                if open[open.count - 1].text.utf8.count + text.utf8.count > limits.maxTextBytes {
                    limit("the text of element <\(open[open.count - 1].name)> runs past the limit of \(limits.maxTextBytes) bytes (in several text nodes); the document is refused, not truncated")
                    return true
                }
                open[open.count - 1].text += text
            case 10:
                let line = Int(xmlTextReaderGetParserLineNumber(reader))
                sink.add(
                    "xml.dtd-forbidden",
                    "the document carries a DOCTYPE; a declaration must not (entities are refused unread)",
                    line: line > 0 ? line : nil, column: nil)
                return true
            default:
                continue
            }
        }
    }

    private mutating func startElement(role: (XMLStartTag) -> XMLNodeRole, onRecord: (XMLElement) -> Void) -> Bool {
        let depth = Int(xmlTextReaderDepth(reader))
        if depth >= limits.maxDepth {
            limit("element nesting deeper than \(limits.maxDepth) levels")
            return false
        }
        let node = xmlTextReaderCurrentNode(reader)
        let line = node.map { Int(xmlGetLineNo($0)) } ?? Int(xmlTextReaderGetParserLineNumber(reader))
        let name = interned(xmlTextReaderConstLocalName(reader))
        let namespace = xmlTextReaderConstNamespaceUri(reader).map { interned($0) }
        let empty = xmlTextReaderIsEmptyElement(reader) == 1
        if let namespace, XMLErrorSink.xincludeNamespaces.contains(namespace) {
            sink.add(
                "xml.include-forbidden",
                "the document carries an XInclude element (<\(name)>); a declaration must not, and what it points to is never read",
                line: line, column: nil)
            return false
        }
        if root == nil { root = XMLStartTag(name: name, namespace: namespace, depth: depth, line: line) }
        if !empty { openNames.append(name) }
        if open.isEmpty {
            let tag = XMLStartTag(name: name, namespace: namespace, depth: depth, line: line)
            guard case .record = role(tag) else { return true }
            recordNodes = 0
        }
        recordNodes += 1
        if recordNodes > limits.maxRecordNodes {
            limit("one declaration holds more than \(limits.maxRecordNodes) XML nodes")
            return false
        }
        // libxml2 keeps no column on nodes and the parser's column is past the start tag:
        // element findings carry the line only.
        var element = XMLElement(name: name, namespace: namespace, line: line, column: 0)
        guard readAttributes(into: &element) else { return false }
        if empty {
            close(element, onRecord: onRecord)
        } else {
            open.append(element)
        }
        return true
    }

    /// libxml2's reader reports a document cut off before its root closes as "Extra content at
    /// the end of the document"; say what happened instead.
    private mutating func explainTruncation() {
        guard !openNames.isEmpty, let index = sink.findings.lastIndex(where: { $0.rule == "xml.malformed" }),
              sink.findings[index].message.hasPrefix("Extra content at the end of the document") else { return }
        let unclosed = openNames.map { "<\($0)>" }.joined(separator: " ")
        sink.findings[index].message = "the document ends before its elements are closed (still open: \(unclosed)); the file looks truncated"
        openNames.removeAll()
    }

    private mutating func readAttributes(into element: inout XMLElement) -> Bool {
        guard xmlTextReaderHasAttributes(reader) == 1 else { return true }
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
            let name = interned(xmlTextReaderConstLocalName(reader))
            let namespace = xmlTextReaderConstNamespaceUri(reader).map { interned($0) }
            let value = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
            element.attributes.append(XMLAttribute(name: name, namespace: namespace, value: value))
            if element.attributes.count > limits.maxAttributes {
                xmlTextReaderMoveToElement(reader)
                limit("an element with more than \(limits.maxAttributes) attributes")
                return false
            }
        }
        xmlTextReaderMoveToElement(reader)
        return true
    }

    private mutating func endElement(onRecord: (XMLElement) -> Void) {
        guard let element = open.popLast() else { return }
        close(element, onRecord: onRecord)
    }

    private mutating func close(_ element: XMLElement, onRecord: (XMLElement) -> Void) {
        if open.isEmpty {
            onRecord(element)
        } else {
            open[open.count - 1].children.append(element)
        }
    }

    private mutating func limit(_ message: String) {
        let line = Int(xmlTextReaderGetParserLineNumber(reader))
        sink.add("xml.limit", message, line: line > 0 ? line : nil, column: nil)
        open.removeAll()
    }

    private mutating func interned(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        if let name = names[pointer] { return name }
        let name = String(cString: pointer)
        names[pointer] = name
        return name
    }
}
