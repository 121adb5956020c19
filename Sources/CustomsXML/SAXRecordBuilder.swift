internal import CLibXML2
import CustomsCore

/// Builds records from libxml2's SAX2 events, without libxml2 building a node of its own.
///
/// It keeps what the text reader used to show: lines are the parser's line at each start tag
/// (what libxml2's tree builder stamps on nodes); a text node is the run of character data
/// between two other events, and a text node of white space only is not element text (the
/// reader called it "whitespace"), while CDATA always is; attribute values are as the tree
/// held them.
///
/// A limit (`xml.limit`), XInclude (`xml.include-forbidden`) or a DOCTYPE (`xml.dtd-forbidden`)
/// ends the building and stops the parser at once: no schema error of what follows is reported,
/// and ``concludeHalt()`` then adds the finding.
///
/// Its state is touched only from the parser's callbacks on one thread: the dynamic
/// exclusivity checks of class properties (a thread-local access set per access, a tenth of
/// the reading time) are switched off for it.
final class SAXRecordBuilder {
    private let sink: XMLErrorSink
    private let limits: XMLLimits
    private let role: (XMLStartTag) -> XMLNodeRole
    private let onRecord: (XMLElement) -> Void
    /// Set when records are read flat (``XMLFlatRecord``) rather than as ``XMLElement`` trees.
    private let onFlatRecord: ((XMLFlatRecord) -> Void)?
    /// Whether records are read flat (``onFlatRecord`` is set): asked without taking the closure.
    private let readsFlat: Bool
    /// Set when complete records are handed over as logged events (``XMLRecordLog``).
    private let onLog: ((XMLRecordLog) -> Void)?
    /// Whether records are logged (``onLog`` is set).
    private let logsRecords: Bool
    /// Writes the logs handed to ``onLog``; set when records are logged.
    @exclusivity(unchecked) private var log: XMLRecordLog.Writer?
    /// The namespace of the last start tag logged, and its id in the log.
    @exclusivity(unchecked) private var loggedNamespace: UnsafePointer<xmlChar>?
    @exclusivity(unchecked) private var loggedNamespaceID: Int32 = -1
    /// The record being read flat; emptied, its storage kept, after each record.
    @exclusivity(unchecked) private var flat = XMLFlatRecord()
    /// The index in ``flat``'s namespaces of the namespace at ``flatNamespaceURI``; -1 when
    /// none was looked up in the record being read.
    @exclusivity(unchecked) private var flatNamespace = -1
    @exclusivity(unchecked) private var flatNamespaceURI: UnsafePointer<xmlChar>?
    /// The parser feeding this builder; set before the first event.
    @exclusivity(unchecked) var parser: xmlParserCtxtPtr?
    @exclusivity(unchecked) private(set) var root: XMLStartTag?
    /// Whether ``root`` is set: asked at every start tag, where comparing the optional to `nil`
    /// copied it (two retains and two releases).
    @exclusivity(unchecked) private var rootSeen = false
    /// True once a limit, XInclude or DOCTYPE ended the building.
    @exclusivity(unchecked) private(set) var halted = false
    /// The finding that ends the building, added by ``concludeHalt()``; a `nil` line is the
    /// parser's line at that point.
    @exclusivity(unchecked) private var haltFinding: (rule: String, message: String, line: Int?)?
    /// Elements open at the parser's position (records or not).
    @exclusivity(unchecked) private var depth = 0
    /// Names of every element open at the parser's position, root first.
    /// Set by ``concludeHalt()`` from ``openNamePointers``.
    @exclusivity(unchecked) private(set) var openNames: [String] = []
    /// The names of the open elements as the parser's dictionary holds them (each one interned
    /// in ``names`` at its start tag): kept as Strings only when the parse ends.
    @exclusivity(unchecked) private var openNamePointers: [UnsafePointer<xmlChar>?] = []
    /// Where each element of the record being read that is still open sits on ``elements`` (on
    /// ``flat`` when reading flat; when logging, the bytes of its text so far), the record first.
    @exclusivity(unchecked) private var open: [Int] = []
    /// The elements of the record in document order, each open one followed by its children
    /// read so far: when an element closes, its children are moved from behind it into one
    /// array of the exact size (no array grown child by child, no element copied). Places past
    /// ``elementCount`` hold no element (uninitialized memory): a start tag initializes its
    /// place with the new element, moved in, and a place moved out of is left as it is.
    @exclusivity(unchecked) private var elements: UnsafeMutablePointer<XMLElement>
    @exclusivity(unchecked) private var elementCount = 0
    @exclusivity(unchecked) private var elementCapacity = 64
    @exclusivity(unchecked) private var recordNodes = 0
    /// The names of the parser's dictionary; set with the parser (a kept parser brings its own).
    @exclusivity(unchecked) var names: InternedNames!
    @exclusivity(unchecked) private var lastNamespace: UnsafePointer<xmlChar>?
    @exclusivity(unchecked) private var lastNamespaceName: String?
    @exclusivity(unchecked) private var lastNamespaceIsXInclude = false

    private enum TextKind: UInt8 { case none, text, cdata }
    /// The text node being read: its kind, its bytes (only inside a record), whether all of it
    /// is white space, and its length (also outside records, for libxml2's text node limit).
    @exclusivity(unchecked) private var textKind = TextKind.none
    @exclusivity(unchecked) private var text = UnsafeMutablePointer<UInt8>.allocate(capacity: textRoom)
    @exclusivity(unchecked) private var textCount = 0
    @exclusivity(unchecked) private var textCapacity = textRoom
    /// The room for text kept between text nodes (a larger buffer is given back).
    private static let textRoom = 4096
    @exclusivity(unchecked) private var textBlank = true
    @exclusivity(unchecked) private var textLength = 0

    /// libxml2's tree builder refuses a text node longer than this without `XML_PARSE_HUGE`.
    static let libraryTextNodeLimit = 10_000_000

    init(sink: XMLErrorSink, limits: XMLLimits, role: @escaping (XMLStartTag) -> XMLNodeRole, onRecord: @escaping (XMLElement) -> Void) {
        self.sink = sink
        self.limits = limits
        self.role = role
        self.onRecord = onRecord
        onFlatRecord = nil
        readsFlat = false
        onLog = nil
        logsRecords = false
        elements = .allocate(capacity: elementCapacity)
    }

    /// A builder that hands each record over flat (``XMLFlatRecord``), lent to `onFlatRecord`
    /// for the call only.
    init(sink: XMLErrorSink, limits: XMLLimits, role: @escaping (XMLStartTag) -> XMLNodeRole, onFlatRecord: @escaping (XMLFlatRecord) -> Void) {
        self.sink = sink
        self.limits = limits
        self.role = role
        onRecord = { _ in }
        self.onFlatRecord = onFlatRecord
        readsFlat = true
        onLog = nil
        logsRecords = false
        // Room for a typical declaration's record (a CEB621 inventory: about 200 elements, 3 KB of text).
        flat = XMLFlatRecord(reservingNodes: 256, textBytes: 4096)
        open.reserveCapacity(16)
        openNamePointers.reserveCapacity(16)
        // No element of a tree is built.
        elementCapacity = 0
        elements = .allocate(capacity: elementCapacity)
    }

    /// A builder that logs the events of complete records (``XMLRecordLog``) and hands each log
    /// over to `onLog` when it is full, and the last one at ``finishLog()``: the records are
    /// built elsewhere. The findings, and where the building halts, are those of the other builders.
    init(sink: XMLErrorSink, limits: XMLLimits, role: @escaping (XMLStartTag) -> XMLNodeRole, onLog: @escaping (XMLRecordLog) -> Void) {
        self.sink = sink
        self.limits = limits
        self.role = role
        onRecord = { _ in }
        onFlatRecord = nil
        readsFlat = false
        self.onLog = onLog
        logsRecords = true
        log = XMLRecordLog.Writer()
        elementCapacity = 0
        elements = .allocate(capacity: elementCapacity)
    }

    deinit {
        log?.deallocate()
        elements.deinitialize(count: elementCount)
        elements.deallocate()
        text.deallocate()
    }

    private var line: Int { Int(customs_xml_parser_line(parser)) }
    private var column: Int { Int(customs_xml_parser_column(parser)) }

    // MARK: Events

    func startElement(
        localName: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        endText()
        if halted { return }
        if depth >= limits.maxDepth {
            limit("element nesting deeper than \(limits.maxDepth) levels")
            return
        }
        let line = self.line
        if uri != lastNamespace {
            // Namespaces change rarely between elements: looked up, and the set asked, once per change.
            let namespace = uri.map { interned($0) }
            lastNamespace = uri
            lastNamespaceName = namespace
            lastNamespaceIsXInclude = namespace.map { XMLErrorSink.xincludeNamespaces.contains($0) } ?? false
        }
        // The namespace's String is taken (a retain) only where it is kept: an element of a tree,
        // the root, a tag outside records. A flat record keeps its namespaces by index.
        if uri != nil, lastNamespaceIsXInclude {
            haltFinding = (
                "xml.include-forbidden",
                "the document carries an XInclude element (<\(interned(localName))>); a declaration must not, and what it points to is never read",
                line)
            halt()
            return
        }
        if !rootSeen {
            root = XMLStartTag(name: interned(localName), namespace: lastNamespaceName, depth: depth, line: line)
            rootSeen = true
        }
        let tagDepth = depth
        depth += 1
        openNamePointers.append(localName)
        if open.isEmpty {
            guard case .record = role(XMLStartTag(name: interned(localName), namespace: lastNamespaceName, depth: tagDepth, line: line)) else { return }
            recordNodes = 0
        }
        recordNodes += 1
        if recordNodes > limits.maxRecordNodes {
            limit("one declaration holds more than \(limits.maxRecordNodes) XML nodes")
            return
        }
        if logsRecords {
            logStart(localName: localName, uri: uri, line: line, attributeCount: attributeCount, attributes: attributes)
            return
        }
        let name = interned(localName)
        // libxml2 keeps no column on nodes and the parser's column is past the start tag:
        // element findings carry the line only.
        var read: [XMLAttribute] = []
        if attributeCount > 0, let attributes {
            read.reserveCapacity(attributeCount)
            for index in 0..<attributeCount {
                // localname, prefix, URI, value, end of value
                let base = attributes + index * 5
                let attributeName = base[0].map { interned($0) } ?? ""
                let attributeNamespace = base[2].map { interned($0) }
                read.append(XMLAttribute(name: attributeName, namespace: attributeNamespace, value: Self.value(from: base[3], to: base[4])))
                if read.count > limits.maxAttributes {
                    limit("an element with more than \(limits.maxAttributes) attributes")
                    return
                }
            }
        }
        if readsFlat {
            if flatNamespace < 0 || uri != flatNamespaceURI {
                flatNamespace = flat.namespaceIndex(of: lastNamespaceName)
                flatNamespaceURI = uri
            }
            let index = flat.appendNode(
                name: name, namespace: flatNamespace, attributes: read, line: line, column: 0, parent: open.last ?? -1)
            open.append(index)
            return
        }
        if elementCount == elementCapacity { growElements() }
        // Moved into its place: never copied (a copy retains each of its five references).
        (elements + elementCount).initialize(to: XMLElement(name: name, namespace: lastNamespaceName, attributes: read, line: line))
        open.append(elementCount)
        elementCount += 1
    }

    func endElement() {
        endText()
        if halted { return }
        depth -= 1
        openNamePointers.removeLast()
        guard let index = open.popLast() else { return }
        if logsRecords {
            log!.end()
            if open.isEmpty {
                log!.commitRecord()
                if log!.isFull { handOverLog() }
            }
            return
        }
        if readsFlat {
            flat.close(index)
            if open.isEmpty, let onFlatRecord {
                onFlatRecord(flat)
                emptyFlat()
            }
            return
        }
        let count = elementCount - index - 1
        if count > 0 {
            // Moved, not copied: a copy of an element retains each of its five references.
            let children = elements + index + 1
            (elements + index).pointee.children = Array(unsafeUninitializedCapacity: count) { buffer, initialized in
                buffer.baseAddress!.moveInitialize(from: children, count: count)
                initialized = count
            }
            elementCount = index + 1
        }
        // Complete, it stays where it is: the last child of its parent so far.
        if open.isEmpty {
            elementCount = 0
            onRecord(elements.move())
        }
    }

    private func growText(to count: Int) {
        var capacity = textCapacity * 2
        while capacity < count { capacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.initialize(from: text, count: textCount)
        text.deallocate()
        text = grown
        textCapacity = capacity
    }

    private func growElements() {
        let capacity = max(elementCapacity * 2, 64)
        let grown = UnsafeMutablePointer<XMLElement>.allocate(capacity: capacity)
        grown.moveInitialize(from: elements, count: elementCount)
        elements.deallocate()
        elements = grown
        elementCapacity = capacity
    }

    func characters(_ bytes: UnsafePointer<xmlChar>?, count: Int, cdata: Bool) {
        if halted || depth == 0 { return }
        let kind: TextKind = cdata ? .cdata : .text
        if textKind != kind {
            endText()
            if halted { return }
            textKind = kind
        } else if textLength + count > Self.libraryTextNodeLimit {
            // What libxml2's tree builder says when it grows a text node past its limit.
            sink.add(
                "xml.limit", XMLErrorSink.libraryLimit("huge text node") ?? "huge text node",
                line: line > 0 ? line : nil, column: column > 0 ? column : nil)
            sink.fatal = true
            halt()
            return
        }
        textLength += count
        guard !open.isEmpty, let bytes, count > 0 else { return }
        let buffer = UnsafeBufferPointer(start: bytes, count: count)
        if textBlank { textBlank = buffer.allSatisfy(XMLText.isSpace) }
        if textCount + count > textCapacity { growText(to: textCount + count) }
        (text + textCount).initialize(from: bytes, count: count)
        textCount += count
    }

    /// Any event other than character data ends the text node being read.
    func otherNode() {
        endText()
    }

    func doctype() {
        endText()
        if halted { return }
        sink.add(
            "xml.dtd-forbidden",
            "the document carries a DOCTYPE; a declaration must not (entities are refused unread)",
            line: line > 0 ? line : nil, column: nil)
        halt()
    }

    /// Adds the finding that ended the building, once the parser has stopped, and names the
    /// elements left open (``openNames``).
    func concludeHalt() {
        openNames = openNamePointers.map(interned)
        guard let finding = haltFinding else { return }
        haltFinding = nil
        let line = finding.line ?? self.line
        sink.add(finding.rule, finding.message, line: line > 0 ? line : nil, column: nil)
    }

    // MARK: Text nodes

    private func endText() {
        guard textKind != .none else { return }
        defer {
            textKind = .none
            textCount = 0
            if textCapacity > 1 << 16 {
                text.deallocate()
                text = .allocate(capacity: Self.textRoom)
                textCapacity = Self.textRoom
            }
            textBlank = true
            textLength = 0
        }
        // White space alone is no element text; CDATA always is.
        guard !halted, !open.isEmpty, textKind == .cdata || !textBlank else { return }
        if textCount > limits.maxTextBytes {
            limit("a text node of \(textCount) bytes exceeds the limit of \(limits.maxTextBytes) bytes; the document is refused, not truncated")
            return
        }
        if readsFlat {
            endFlatText(node: open[open.count - 1])
            return
        }
        if logsRecords {
            endLoggedText()
            return
        }
        // Text split by comments or CDATA sections adds up in one element: the limit holds for the whole.
        let element = elements + open[open.count - 1]
        if element.pointee.text.utf8.count + textCount > limits.maxTextBytes {
            limit("the text of element <\(element.pointee.name)> runs past the limit of \(limits.maxTextBytes) bytes (in several text nodes); the document is refused, not truncated")
            return
        }
        let value = String(decoding: UnsafeBufferPointer(start: text, count: textCount), as: UTF8.self)
        if element.pointee.text.isEmpty {
            element.pointee.text = value
        } else {
            element.pointee.text += value
        }
    }

    /// ``endText()`` for a record read flat: the same limit, the same text.
    private func endFlatText(node: Int) {
        if flat.textByteCount(node) + textCount > limits.maxTextBytes {
            limit("the text of element <\(flat.nodes[node].name)> runs past the limit of \(limits.maxTextBytes) bytes (in several text nodes); the document is refused, not truncated")
            return
        }
        // The bytes are kept as they are: the String is made when the text is read.
        flat.appendText(UnsafeBufferPointer(start: text, count: textCount), to: node)
    }

    // MARK: Logging records

    /// ``startElement(localName:uri:attributeCount:attributes:)`` for records logged: the same
    /// attribute limit, the names by id.
    private func logStart(
        localName: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?, line: Int,
        attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        let count = attributes == nil ? 0 : attributeCount
        let name = log!.name(localName)
        if uri != loggedNamespace || loggedNamespaceID < 0 {
            // Namespaces change rarely between elements; the first use defines the name in the log.
            loggedNamespaceID = log!.name(uri)
            loggedNamespace = uri
        }
        let namespace = uri == nil ? -1 : loggedNamespaceID
        if count > 0, let attributes {
            // Names met for the first time are defined before the start tag that uses them.
            for index in 0..<count {
                _ = log!.name(attributes[index * 5])
                _ = log!.name(attributes[index * 5 + 2])
            }
        }
        log!.start(name: name, namespace: namespace, line: line, attributeCount: Int32(count))
        if count > 0, let attributes {
            for index in 0..<count {
                // localname, prefix, URI, value, end of value
                let base = attributes + index * 5
                let valueCount = if let start = base[3], let end = base[4], end > start { end - start } else { 0 }
                log!.attribute(name: log!.name(base[0]), namespace: log!.name(base[2]), value: base[3], count: valueCount)
                if index + 1 > limits.maxAttributes {
                    limit("an element with more than \(limits.maxAttributes) attributes")
                    return
                }
            }
        }
        open.append(0)
    }

    /// ``endText()`` for a record logged: the same limit on an element's text.
    private func endLoggedText() {
        let node = open.count - 1
        if open[node] + textCount > limits.maxTextBytes {
            limit("the text of element <\(interned(openNamePointers[openNamePointers.count - 1]))> runs past the limit of \(limits.maxTextBytes) bytes (in several text nodes); the document is refused, not truncated")
            return
        }
        open[node] += textCount
        log!.text(text, count: textCount)
    }

    private func handOverLog() {
        onLog?(log!.take())
    }

    /// Hands over the complete records logged and not yet handed over; called once the parse ended.
    func finishLog() {
        guard logsRecords, log!.recordCount > 0 else { return }
        handOverLog()
    }

    // MARK: Helpers

    private func limit(_ message: String) {
        haltFinding = ("xml.limit", message, nil)
        halt()
    }

    /// Ends the building, and the parse at once: where a halt falls, not how the document was
    /// cut into chunks, decides which errors are reported. The parser's input is left in place
    /// (``customs_xml_parser_halt``): the schema validation still reads the current tag or text.
    private func halt() {
        halted = true
        if let parser { customs_xml_parser_halt(parser) }
        open.removeAll()
        if logsRecords { log!.rollBack() }
        elements.deinitialize(count: elementCount)
        elementCount = 0
        emptyFlat()
    }

    private func interned(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return interned(pointer)
    }

    /// The name at `pointer` from ``names``, the table lent without a retain and a release
    /// around every element (the parser session holds it while the parser calls back).
    private func interned(_ pointer: UnsafePointer<xmlChar>) -> String {
        Unmanaged.passUnretained(names)._withUnsafeGuaranteedRef { $0.name(at: pointer) }
    }

    /// Empties the flat record for the next one; its namespaces go with it.
    private func emptyFlat() {
        flat.removeAll()
        flatNamespace = -1
    }

    /// An attribute value as SAX2 passes it: without entity substitution libxml2 writes a `&`
    /// from a reference back as `&#38;` (its tree builder decodes it again), and only that.
    static func value(from start: UnsafePointer<xmlChar>?, to end: UnsafePointer<xmlChar>?) -> String {
        guard let start, let end, end > start else { return "" }
        let bytes = UnsafeBufferPointer(start: start, count: end - start)
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        let reference = Array("&#38;".utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&"), index + reference.count <= bytes.count,
               bytes[index..<(index + reference.count)].elementsEqual(reference) {
                decoded.append(UInt8(ascii: "&"))
                index += reference.count
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }
}
