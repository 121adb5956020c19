internal import CLibXML2
import CustomsCore
import Foundation

/// What the first bytes of an XML document say about it: its first element start tags (root
/// first), whether it carries a DOCTYPE, and the encoding its declaration names.
public struct XMLPrologue: Sendable {
    /// The first start tags, in document order (the root first); at most a few hundred.
    public var startTags: [XMLStartTag]
    public var hasDoctype: Bool
    /// The 1-based line of `<!DOCTYPE` when the prefix shows it (ASCII-compatible encodings).
    public var doctypeLine: Int?
    /// The `encoding` of the XML declaration, if any.
    public var declaredEncoding: String?

    public var root: XMLStartTag? { startTags.first }
}

/// Reads only the prologue of a document, from a prefix of its bytes, to detect its format
/// before the full streaming pass (which needs the schema chosen before its first read).
public enum XMLSniffer {
    /// The prologue of `prefix` (a document's first bytes, 64 KiB in the pipeline).
    ///
    /// - Parameters:
    ///   - encoding: overrides the document's declared encoding (`--encoding`).
    ///   - maxTags: the most start tags read.
    ///   - readsPastRoot: asked once about the root; `false` stops reading there, so
    ///     ``XMLPrologue/startTags`` holds the root alone (most formats are known by their root,
    ///     and the prefix is then not parsed further). `hasDoctype`, `doctypeLine` and
    ///     `declaredEncoding` do not depend on it.
    public static func prologue(
        of prefix: [UInt8], encoding: String? = nil, maxTags: Int = 400,
        readsPastRoot: (XMLStartTag) -> Bool = { _ in true }
    ) -> XMLPrologue {
        XMLLibrary.prepare()
        var result = XMLPrologue(startTags: [], hasDoctype: false, declaredEncoding: nil)
        result.doctypeLine = doctypeLine(prefix)
        result.hasDoctype = result.doctypeLine != nil || containsUTF16Doctype(prefix)
        if encoding == nil, maxTags >= 1, let (root, declared) = RootSniff.root(of: prefix), !readsPastRoot(root) {
            result.startTags = [root]
            result.declaredEncoding = declared
            return result
        }
        var tagLimit = maxTags
        let sink = XMLErrorSink(file: "")
        prefix.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress,
                  let reader = buffer.withMemoryRebound(to: CChar.self, { chars in
                      xmlReaderForMemory(chars.baseAddress, Int32(buffer.count), nil, encoding, XMLLibrary.secureOptions)
                  })
            else { return }
            _ = base
            defer { xmlFreeTextReader(reader) }
            xmlTextReaderSetStructuredErrorHandler(reader, structuredErrorRelay, Unmanaged.passUnretained(sink).toOpaque())
            while result.startTags.count < tagLimit, xmlTextReaderRead(reader) == 1 {
                let type = xmlTextReaderNodeType(reader)
                if type == 10 {
                    result.hasDoctype = true
                    break
                }
                guard type == 1 else { continue }
                if result.declaredEncoding == nil, let encoding = xmlTextReaderConstEncoding(reader) {
                    result.declaredEncoding = String(cString: encoding)
                }
                let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
                let namespace = xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) }
                let node = xmlTextReaderCurrentNode(reader)
                let line = node.map { Int(xmlGetLineNo($0)) } ?? 0
                let tag = XMLStartTag(name: name, namespace: namespace, depth: Int(xmlTextReaderDepth(reader)), line: line)
                result.startTags.append(tag)
                if result.startTags.count == 1, !readsPastRoot(tag) { tagLimit = 1 }
            }
        }
        withExtendedLifetime(sink) {}
        return result
    }

    static let doctypeASCII = Array("<!DOCTYPE".utf8)
    static let doctypeUTF16LE = doctypeASCII.flatMap { byte -> [UInt8] in [byte, 0] }
    static let doctypeUTF16BE = doctypeASCII.flatMap { byte -> [UInt8] in [0, byte] }

    /// The 1-based line of the first `<!DOCTYPE` (ASCII form), or `nil`.
    static func doctypeLine(_ bytes: [UInt8]) -> Int? {
        guard let offset = offset(of: doctypeASCII, in: bytes) else { return nil }
        return bytes.withUnsafeBytes { raw in
            var line = 1
            var index = 0
            while index < offset, let found = memchr(raw.baseAddress! + index, 0x0A, offset - index) {
                line += 1
                index = raw.baseAddress!.distance(to: UnsafeRawPointer(found)) + 1
            }
            return line
        }
    }

    /// `<!DOCTYPE` in the bytes, in UTF-8/ASCII-compatible or UTF-16 form.
    static func containsDoctype(_ bytes: [UInt8]) -> Bool {
        offset(of: doctypeASCII, in: bytes) != nil || containsUTF16Doctype(bytes)
    }

    /// `<!DOCTYPE` in the bytes in UTF-16 form (either byte order).
    static func containsUTF16Doctype(_ bytes: [UInt8]) -> Bool {
        offset(of: doctypeUTF16LE, in: bytes) != nil || offset(of: doctypeUTF16BE, in: bytes) != nil
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        offset(of: needle, in: haystack) != nil
    }

    /// The offset of the first occurrence of `needle` in `haystack`, or `nil`: memchr to each
    /// candidate of the needle's anchor byte (its first `!` if it has one: `<` is everywhere in
    /// XML, `!` rare), then memcmp.
    static func offset(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        let anchor = needle.firstIndex(of: UInt8(ascii: "!")) ?? 0
        let first = needle[anchor]
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                guard let base = hay.baseAddress, let pinBase = pin.baseAddress else { return nil }
                let last = hay.count - pin.count
                // Candidates start at 0...last; their anchor bytes at anchor...(last + anchor).
                var index = 0
                while index <= last, let found = memchr(base + index + anchor, Int32(first), last - index + 1) {
                    let candidate = base.distance(to: UnsafeRawPointer(found)) - anchor
                    if memcmp(base + candidate, pinBase, pin.count) == 0 { return candidate }
                    index = candidate + 1
                }
                return nil
            }
        }
    }
}

/// The root start tag of a prefix as the text reader of ``XMLSniffer/prologue(of:encoding:maxTags:readsPastRoot:)``
/// returns it, read with a SAX push parser kept between documents instead of a new reader per
/// file.
///
/// It feeds the parser as the reader feeds its own (the first 4 bytes when it starts, then
/// 512-byte chunks, the rest, and the end) and stops after the chunk in which the root starts,
/// as the reader does. Only a clean reading counts — the root met, no error of any kind in what
/// was parsed, a line below 65,535 (the tree stores larger ones differently); anything else (a
/// DOCTYPE, an error, a prefix of less than 4 bytes) answers `nil`, and the reader decides.
enum RootSniff {
    private final class State {
        var parser: xmlParserCtxtPtr?
        var root: XMLStartTag?
        var encoding: String?
        var doctype = false
    }

    /// Parsers with this handler, kept between documents: reset for the next one whatever state
    /// the last one left them in (a sniff stops inside the document).
    private final class Parser: @unchecked Sendable {
        let pointer: xmlParserCtxtPtr
        init(_ pointer: xmlParserCtxtPtr) { self.pointer = pointer }
        deinit { xmlFreeParserCtxt(pointer) }
    }

    /// The parser each thread last used (``ThreadKept``).
    private static let idle = ThreadKept<Parser>()
    private static let dictionaryLimit = 4096
    private static let chunkSize = 512

    static func root(of prefix: [UInt8]) -> (XMLStartTag, String?)? {
        guard prefix.count >= 4, prefix.count <= Int(Int32.max) else { return nil }
        let state = State()
        let context = Unmanaged.passUnretained(state).toOpaque()
        xmlSetStructuredErrorFunc(nil, ignoredError)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return prefix.withUnsafeBufferPointer { buffer -> (XMLStartTag, String?)? in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            var parser = idle.take()
            if let kept = parser, customs_xml_parser_reset_stopped(kept.pointer, base, 4) != 0 {
                parser = nil
            }
            if parser == nil {
                var handler = handler()
                guard let created = xmlCreatePushParserCtxt(&handler, nil, base, 4, nil) else { return nil }
                parser = Parser(created)
            }
            guard let parser else { return nil }
            customs_xml_parser_set_user_data(parser.pointer, context)
            xmlCtxtUseOptions(parser.pointer, XMLLibrary.secureOptions)
            state.parser = parser.pointer
            var clean = true
            var offset = 4
            func push(_ count: Int, terminate: Bool) {
                let status = xmlParseChunk(parser.pointer, count > 0 ? base + offset : nil, Int32(count), terminate ? 1 : 0)
                offset += count
                if status != 0 || customs_xml_parser_clean(parser.pointer) == 0 || state.doctype { clean = false }
            }
            reading: while clean, state.root == nil {
                let left = buffer.count - offset
                if left >= chunkSize {
                    push(chunkSize, terminate: false)
                } else {
                    // The reader's last rounds: what is left, nothing (which may still parse), the end.
                    if left > 0 { push(left, terminate: false) }
                    if clean, state.root == nil { push(0, terminate: false) }
                    if clean, state.root == nil { push(0, terminate: true) }
                    break reading
                }
            }
            state.parser = nil
            customs_xml_parser_set_user_data(parser.pointer, nil)
            // Kept only after a clean reading (no error, no DOCTYPE), and not with a dictionary
            // grown large (hostile names would otherwise stay for every later document).
            if clean, !state.doctype, customs_xml_parser_dictionary_size(parser.pointer) <= dictionaryLimit {
                idle.keep(parser)
            }
            guard clean, let root = state.root, root.line > 0, root.line < 65_535 else { return nil }
            return (root, state.encoding)
        }
    }

    private static func handler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startDocument = { context in
            guard let context else { return }
            let state = Unmanaged<State>.fromOpaque(context).takeUnretainedValue()
            if let parser = state.parser, let encoding = customs_xml_parser_encoding(parser) {
                state.encoding = String(cString: encoding)
            }
        }
        handler.startElementNs = { context, localName, _, uri, _, _, _, _, _ in
            guard let context else { return }
            let state = Unmanaged<State>.fromOpaque(context).takeUnretainedValue()
            guard state.root == nil, let parser = state.parser else { return }
            state.root = XMLStartTag(
                name: localName.map { String(cString: $0) } ?? "", namespace: uri.map { String(cString: $0) },
                depth: 0, line: Int(customs_xml_parser_line(parser)))
        }
        handler.internalSubset = { context, _, _, _ in
            guard let context else { return }
            let state = Unmanaged<State>.fromOpaque(context).takeUnretainedValue()
            state.doctype = true
            if let parser = state.parser { xmlStopParser(parser) }
        }
        return handler
    }
}

private let ignoredError: xmlStructuredErrorFunc = { _, _ in }
