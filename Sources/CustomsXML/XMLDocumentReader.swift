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

/// Streams one XML document with libxml2's SAX2 push parser, in memory bounded by the largest
/// record (a declaration), never loading the whole file as a tree (libxml2 builds no nodes).
///
/// Secure by construction: the options of ``XMLLibrary/secureOptions``, the deny-by-default
/// entity loader, and a DOCTYPE anywhere is `xml.dtd-forbidden` before any content is read.
/// When a ``XMLSchema`` is given, the document is validated against it in the same pass;
/// violations are `schema.violation` findings with line and column, and reading goes on.
/// Findings: `xml.malformed` (line, column), `xml.dtd-forbidden`, `xml.limit`,
/// `encoding.unsupported`, `encoding.invalid`, `schema.violation`, `file.unreadable`.
public struct XMLDocumentReader: Sendable {
    public var path: String
    /// A displayable file name for findings.
    public var displayName: String
    /// An encoding that overrides the document's own declaration (`--encoding`).
    public var encoding: String?
    public var schema: XMLSchema?
    public var limits: XMLLimits
    /// The file's bytes when they were already read (to hash and sniff them): the document is
    /// then parsed from them, exactly as from the file, and the file is not opened again.
    public var contents: [UInt8]?
    /// Whether the file is read, and its markup guarded, on a thread of its own ahead of the
    /// parser (a large file): the parser is fed the same chunks, and stops at the same read.
    public var readsAhead = false

    public init(
        path: String, displayName: String? = nil, encoding: String? = nil, schema: XMLSchema? = nil,
        limits: XMLLimits = .standard, contents: [UInt8]? = nil
    ) {
        self.path = path
        self.displayName = displayName ?? path
        self.encoding = encoding
        self.schema = schema
        self.limits = limits
        self.contents = contents
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
        return withoutActuallyEscaping(role) { role in
            withoutActuallyEscaping(onRecord) { onRecord in
                let builder = SAXRecordBuilder(sink: sink, limits: limits, role: role, onRecord: onRecord)
                var offset = 0
                let ending = bytes.withUnsafeBufferPointer { source in
                    SAXPushParser.parse(builder: builder, sink: sink, url: nil, encoding: "UTF-8", schema: nil, immutable: true) { buffer, count in
                        let taken = min(count, source.count - offset)
                        if taken > 0 { buffer.update(from: source.baseAddress! + offset, count: taken) }
                        offset += taken
                        return taken
                    }
                }
                let stopped = conclude(ending, builder: builder, sink: sink)
                return XMLReadOutcome(findings: sink.findings, stopped: stopped, root: builder.root)
            }
        }
    }

    /// Reads the document, asking `role` about each element met outside a record and passing
    /// every element marked `.record` to `onRecord` once it is complete.
    public func read(
        role: (XMLStartTag) -> XMLNodeRole,
        onRecord: (XMLElement) -> Void
    ) -> XMLReadOutcome {
        withoutActuallyEscaping(role) { role in
            withoutActuallyEscaping(onRecord) { onRecord in
                run { sink in SAXRecordBuilder(sink: sink, limits: limits, role: role, onRecord: onRecord) }
            }
        }
    }

    /// ``read(role:onRecord:)`` with each record handed over flat (``XMLFlatRecord``), lent to
    /// `onRecord` for the call only: no ``XMLElement`` tree is built. The findings and the
    /// outcome are those of ``read(role:onRecord:)``.
    public func readFlat(
        role: (XMLStartTag) -> XMLNodeRole,
        onRecord: (XMLFlatRecord) -> Void
    ) -> XMLReadOutcome {
        withoutActuallyEscaping(role) { role in
            withoutActuallyEscaping(onRecord) { onRecord in
                run { sink in SAXRecordBuilder(sink: sink, limits: limits, role: role, onFlatRecord: onRecord) }
            }
        }
    }

    /// ``readFlat(role:onRecord:)`` with the records logged rather than built: complete records
    /// are handed to `onLog` in logs of a few dozen (``XMLRecordLog``), for another thread to
    /// build them (``XMLRecordLog/Reader``). The findings and the outcome are those of
    /// ``read(role:onRecord:)``; `onLog` has had every complete record before this returns.
    public func readLogged(
        role: (XMLStartTag) -> XMLNodeRole,
        onLog: (XMLRecordLog) -> Void
    ) -> XMLReadOutcome {
        withoutActuallyEscaping(role) { role in
            withoutActuallyEscaping(onLog) { onLog in
                run { sink in SAXRecordBuilder(sink: sink, limits: limits, role: role, onLog: onLog) }
            }
        }
    }

    /// Reads the document into the builder `makeBuilder` makes for the reading's finding sink.
    private func run(_ makeBuilder: (XMLErrorSink) -> SAXRecordBuilder) -> XMLReadOutcome {
        XMLLibrary.prepare()
        let sink = XMLErrorSink(file: displayName)
        let origin: GuardedSource.Origin
        var descriptor: Int32 = -1
        if let contents {
            origin = .memory(contents)
        } else {
            descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else {
                sink.add("file.unreadable", "cannot open the file: \(String(cString: strerror(errno)))", line: nil, column: nil)
                return XMLReadOutcome(findings: sink.findings, stopped: true, root: nil)
            }
            origin = .descriptor(descriptor)
        }
        defer { if descriptor >= 0 { close(descriptor) } }
        let input = readsAhead
            ? GuardedInput(readingAheadOf: GuardedSource(origin, limits: limits), sink: sink)
            : GuardedInput(source: GuardedSource(origin, limits: limits), sink: sink)
        // The reader ahead stops before the file is closed.
        defer { input.close() }
        let builder = makeBuilder(sink)
        let ending = SAXPushParser.parse(
            builder: builder, sink: sink, url: path, encoding: encoding, schema: schema, immutable: false
        ) { buffer, count in
            buffer.withMemoryRebound(to: CChar.self, capacity: count) { Int(input.read(into: $0, count: count)) }
        }
        builder.finishLog()
        var stopped = Self.conclude(ending, builder: builder, sink: sink)
        if let refusal = input.refusal {
            sink.findings.removeSubrange(min(input.findingsAtRefusal, sink.findings.count)...)
            sink.add(refusal, limits: limits)
            stopped = true
        }
        if sink.schemaOverflow > 0 {
            sink.add("schema.violation", "\(sink.schemaOverflow) more schema violations in this document are not listed", line: nil, column: nil)
        }
        return XMLReadOutcome(findings: sink.findings, stopped: stopped, root: builder.root)
    }

    /// Whether reading stopped early, with the findings that say why: a halt by the builder
    /// (a limit, XInclude, DOCTYPE) has its finding; a document cut off gets the truncation
    /// explained; a parse that failed without a finding of its own gets `xml.malformed`.
    private static func conclude(_ ending: SAXPushParser.Ending, builder: SAXRecordBuilder, sink: XMLErrorSink) -> Bool {
        if builder.halted { return true }
        explainTruncation(openNames: builder.openNames, sink: sink)
        if ending.wellFormed { return sink.fatal }
        // A limit or encoding error already says why reading stopped: no second, vaguer finding.
        if !sink.fatal && !sink.findings.contains(where: { $0.rule.hasPrefix("xml.") || $0.rule.hasPrefix("encoding.") }) {
            sink.add("xml.malformed", "the document is not well-formed XML", line: ending.line > 0 ? ending.line : nil, column: nil)
        }
        return true
    }

    /// libxml2's push parser reports a document cut off before its root closes as "Extra content
    /// at the end of the document"; say what happened instead.
    private static func explainTruncation(openNames: [String], sink: XMLErrorSink) {
        guard !openNames.isEmpty, let index = sink.findings.lastIndex(where: { $0.rule == "xml.malformed" }),
              sink.findings[index].message.hasPrefix("Extra content at the end of the document") else { return }
        let unclosed = openNames.map { "<\($0)>" }.joined(separator: " ")
        sink.findings[index].message = "the document ends before its elements are closed (still open: \(unclosed)); the file looks truncated"
    }
}
