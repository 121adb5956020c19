internal import CLibXML2
import CustomsCore

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
    public static func prologue(of prefix: [UInt8], encoding: String? = nil, maxTags: Int = 400) -> XMLPrologue {
        XMLLibrary.prepare()
        var result = XMLPrologue(startTags: [], hasDoctype: false, declaredEncoding: nil)
        result.hasDoctype = containsDoctype(prefix)
        result.doctypeLine = doctypeLine(prefix)
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
            while result.startTags.count < maxTags, xmlTextReaderRead(reader) == 1 {
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
                result.startTags.append(XMLStartTag(name: name, namespace: namespace, depth: Int(xmlTextReaderDepth(reader)), line: line))
            }
        }
        withExtendedLifetime(sink) {}
        return result
    }

    static func doctypeLine(_ bytes: [UInt8]) -> Int? {
        let needle = Array("<!DOCTYPE".utf8)
        guard bytes.count >= needle.count else { return nil }
        var line = 1
        for index in 0...(bytes.count - needle.count) {
            if bytes[index] == 0x0A { line += 1 }
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return line }
        }
        return nil
    }

    /// `<!DOCTYPE` in the bytes, in UTF-8/ASCII-compatible or UTF-16 form.
    static func containsDoctype(_ bytes: [UInt8]) -> Bool {
        let ascii = Array("<!DOCTYPE".utf8)
        let le = ascii.flatMap { byte -> [UInt8] in [byte, 0] }
        let be = ascii.flatMap { byte -> [UInt8] in [0, byte] }
        return contains(bytes, ascii) || contains(bytes, le) || contains(bytes, be)
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count, let first = needle.first else { return false }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
