internal import CLibXML2
import CustomsCore

/// libxml2's push parser with SAX2 callbacks into a ``SAXRecordBuilder`` (and the schema
/// validation plugged in between), fed the way libxml2's text reader fed it: the first 4 bytes
/// when the parser is created, then 512-byte chunks out of 4096-byte reads, so that errors,
/// their lines and where reading stops stay what they were with the reader. Once past the XML
/// declaration, input that needs no conversion (UTF-8) is pushed several chunks at a time: a
/// converted input is converted as it is pushed, and an error of conversion falls at the chunk.
///
/// Errors of the parser go to the sink through the thread's structured error handler, set and
/// reset within ``parse(builder:sink:url:encoding:schema:immutable:read:)``; schema errors
/// through the validation context's own handler.
enum SAXPushParser {
    /// How the parse ended.
    struct Ending {
        /// False when the parser reported an error (libxml2's reader then returned -1).
        var wellFormed: Bool
        /// The parser's line when it stopped.
        var line: Int
    }

    private static let chunkSize = 512
    /// The first read, then every read after it.
    static let headSize = 4
    static let readSize = 4096

    /// Parses one document; `read` fills a buffer and returns the byte count, 0 at the end, -1
    /// on failure (a refusal of the markup guard: reading stops at once). `immutable` is a
    /// document already in memory (the reader pushed its last bytes before the end signal).
    static func parse(
        builder: SAXRecordBuilder, sink: XMLErrorSink, url: String?, encoding: String?, schema: XMLSchema?,
        immutable: Bool, read: (UnsafeMutablePointer<UInt8>, Int) -> Int
    ) -> Ending {
        let context = Unmanaged.passUnretained(builder).toOpaque()
        let sinkContext = Unmanaged.passUnretained(sink).toOpaque()
        xmlSetStructuredErrorFunc(sinkContext, parserErrorRelay)
        defer { xmlSetStructuredErrorFunc(nil, nil) }

        var buffer = [UInt8](repeating: 0, count: readSize + chunkSize)
        return buffer.withUnsafeMutableBufferPointer { storage -> Ending in
            let base = storage.baseAddress!
            let headCount = read(base, headSize)
            if headCount < 0 { return Ending(wellFormed: false, line: 0) }
            // A document of four bytes or more, in the encoding it declares, starts the same on
            // a kept parser reset for it as on a new one.
            let keepable = headCount == 4 && encoding == nil
            let session: ParserSession? = base.withMemoryRebound(to: CChar.self, capacity: 4) { head in
                if keepable, let kept = ParserSession.take(), customs_xml_parser_reset(kept.parser, head, 4, url) == 0 {
                    customs_xml_parser_set_user_data(kept.parser, context)
                    return kept
                }
                var handler = Self.handler()
                let created = headCount == 4
                    ? xmlCreatePushParserCtxt(&handler, context, head, 4, url)
                    : xmlCreatePushParserCtxt(&handler, context, nil, 0, url)
                return created.map(ParserSession.init(parser:))
            }
            guard let session else {
                sink.add("xml.malformed", "libxml2 could not start reading the document", line: nil, column: nil)
                return Ending(wellFormed: false, line: 0)
            }
            let parser = session.parser
            builder.parser = parser
            builder.names = session.names
            xmlCtxtUseOptions(parser, XMLLibrary.secureOptions)
            if let encoding, let converter = xmlFindCharEncodingHandler(encoding) {
                xmlSwitchToEncoding(parser, converter)
            }
            var validation: OpaquePointer?
            var plug: xmlSchemaSAXPlugPtr?
            if let schema {
                validation = session.validation(for: schema)
                if let validation {
                    plug = customs_xml_plug_schema(validation, parser)
                    xmlSchemaSetValidStructuredErrors(validation, structuredErrorRelay, sinkContext)
                    customs_xml_set_schema_locator(validation, parser)
                }
                if plug == nil {
                    sink.add("schema.unavailable", "the XSD could not be attached to the reader", line: nil, column: nil)
                }
            }
            var endedCleanly = false
            defer {
                // The plug goes before the parser whose handler it replaced (it gives the parser its
                // own handler back and clears the validation context).
                if let plug { xmlSchemaSAXUnplug(plug) }
                builder.parser = nil
                if let validation { xmlSchemaSetValidStructuredErrors(validation, nil, nil) }
                // Only a parser that read its document to a clean end is kept for the next one.
                if keepable, endedCleanly, plug != nil || schema == nil, customs_xml_parser_reusable(parser) != 0 {
                    customs_xml_parser_set_user_data(parser, nil)
                    ParserSession.keep(session)
                }
            }

            // Bytes read and not yet pushed: base[start..<end].
            var start = 0
            var end = headCount == 4 ? 0 : max(0, headCount)
            func push(_ count: Int, terminate: Bool) -> Bool {
                let status = (base + start).withMemoryRebound(to: CChar.self, capacity: max(count, 1)) {
                    xmlParseChunk(parser, count > 0 ? $0 : nil, Int32(count), terminate ? 1 : 0)
                }
                start += count
                return status == 0 && customs_xml_parser_well_formed(parser) != 0
            }
            var wellFormed = true
            reading: while !builder.halted {
                if end - start < chunkSize {
                    // Keep the unpushed tail at the front and read behind it.
                    if start > 0 {
                        base.update(from: base + start, count: end - start)
                        end -= start
                        start = 0
                    }
                    let count = read(base + end, readSize)
                    if count < 0 {
                        wellFormed = false
                        break reading
                    }
                    if count == 0 {
                        if immutable {
                            // The reader pushed what was left of a document in memory, then signalled the end.
                            if !push(end - start, terminate: false) { wellFormed = false; break reading }
                            if !builder.halted, !push(0, terminate: true) { wellFormed = false }
                        } else if !push(end - start, terminate: true) {
                            wellFormed = false
                        }
                        break reading
                    }
                    end += count
                    if end - start < chunkSize {
                        if !push(end - start, terminate: false) { wellFormed = false; break reading }
                        continue
                    }
                }
                // Unconverted input goes in whole chunks at once: the bytes left behind for the
                // next read are those left before, and a push has a cost of its own in libxml2
                // (appending to its input, looking ahead for a complete construct).
                let size = customs_xml_parser_reads_unconverted(parser) != 0 ? (end - start) / chunkSize * chunkSize : chunkSize
                if !push(size, terminate: false) {
                    wellFormed = false
                    break reading
                }
            }
            builder.concludeHalt()
            endedCleanly = wellFormed && !builder.halted && !sink.fatal
            return Ending(wellFormed: wellFormed, line: Int(customs_xml_parser_line(parser)))
        }
    }

    /// The SAX2 callbacks into the builder (the context is the builder).
    private static func handler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { context, localName, _, uri, _, _, attributeCount, _, attributes in
            guard let context else { return }
            withBuilder(context) { $0.startElement(localName: localName, uri: uri, attributeCount: Int(attributeCount), attributes: attributes) }
        }
        handler.endElementNs = { context, _, _, _ in
            guard let context else { return }
            withBuilder(context) { $0.endElement() }
        }
        handler.characters = { context, bytes, count in
            guard let context else { return }
            withBuilder(context) { $0.characters(bytes, count: Int(count), cdata: false) }
        }
        handler.ignorableWhitespace = handler.characters
        handler.cdataBlock = { context, bytes, count in
            guard let context else { return }
            withBuilder(context) { $0.characters(bytes, count: Int(count), cdata: true) }
        }
        handler.comment = { context, _ in
            guard let context else { return }
            withBuilder(context) { $0.otherNode() }
        }
        handler.processingInstruction = { context, _, _ in
            guard let context else { return }
            withBuilder(context) { $0.otherNode() }
        }
        handler.internalSubset = { context, _, _, _ in
            guard let context else { return }
            withBuilder(context) { $0.doctype() }
        }
        return handler
    }
}

/// The parser's errors, as the text reader's handler received them: those raised with the parser
/// context. Errors raised without one (a failed encoding conversion, an I/O error) never reached
/// it: the read then failed and the document was "not well-formed" at the parser's line.
private let parserErrorRelay: xmlStructuredErrorFunc = { context, error in
    guard let context, let error, error.pointee.ctxt != nil else { return }
    Unmanaged<XMLErrorSink>.fromOpaque(context).takeUnretainedValue().record(error)
}

/// The builder behind a SAX callback's context pointer, lent to `body` without a retain and a
/// release around every event: ``SAXPushParser/parse(builder:sink:url:encoding:schema:immutable:read:)``
/// holds the builder for as long as the parser can call back.
private func withBuilder(_ context: UnsafeMutableRawPointer, _ body: (SAXRecordBuilder) -> Void) {
    Unmanaged<SAXRecordBuilder>.fromOpaque(context)._withUnsafeGuaranteedRef(body)
}

/// A libxml2 push parser with its dictionary's names and the schema validation context last
/// plugged into it, kept between documents: a new parser context (its tables, its dictionary)
/// and a new validation context per small file were a cost of their own, and the names of a
/// format's documents repeat.
///
/// One document at a time uses a session: it is taken from the idle ones (or made) when the
/// document starts and given back when it ended cleanly — read to its end, well-formed, with no
/// halt or fatal error, the parser back at depth 0 — so that whatever a broken document left in
/// the parser never reaches the next one. A session belongs to one thread: each thread keeps
/// the one it used last (``ThreadKept``).
final class ParserSession: @unchecked Sendable {
    let parser: xmlParserCtxtPtr
    let names = InternedNames()
    private var validationContext: OpaquePointer?
    /// The schema of ``validationContext``, held so that it outlives the context.
    private var validationSchema: XMLSchema?

    /// A parser whose dictionary holds more names than this is not kept (a hostile document's
    /// names would otherwise stay, and count towards libxml2's dictionary limit, for the next).
    private static let dictionaryLimit = 4096
    /// The session each thread last used (``ThreadKept``).
    private static let idle = ThreadKept<ParserSession>()

    init(parser: xmlParserCtxtPtr) {
        self.parser = parser
    }

    deinit {
        xmlFreeParserCtxt(parser)
        if let validationContext { xmlSchemaFreeValidCtxt(validationContext) }
    }

    /// A validation context for `schema`: the kept one when it is for the same schema.
    func validation(for schema: XMLSchema) -> OpaquePointer? {
        if let validationContext, validationSchema === schema { return validationContext }
        if let validationContext { xmlSchemaFreeValidCtxt(validationContext) }
        validationContext = xmlSchemaNewValidCtxt(schema.pointer)
        validationSchema = validationContext == nil ? nil : schema
        return validationContext
    }

    static func take() -> ParserSession? {
        idle.take()
    }

    static func keep(_ session: ParserSession) {
        guard names(session.parser) <= dictionaryLimit else { return }
        idle.keep(session)
    }

    private static func names(_ parser: xmlParserCtxtPtr) -> Int {
        Int(customs_xml_parser_dictionary_size(parser))
    }
}
