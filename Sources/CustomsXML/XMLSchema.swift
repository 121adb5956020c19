internal import CLibXML2
import CustomsCore
import Foundation

/// A compiled XSD. Immutable after compilation, so it is shared read-only across threads;
/// each document gets its own validation context.
public final class XMLSchema: @unchecked Sendable {
    let pointer: xmlSchemaPtr
    /// The XSD file it was compiled from.
    public let path: String

    init(pointer: xmlSchemaPtr, path: String) {
        self.pointer = pointer
        self.path = path
    }

    deinit {
        xmlSchemaFree(pointer)
    }

    /// Compiles the XSD at `path` (absolute). Returns the schema, or the compiler's messages.
    public static func compile(path: String) -> Result<XMLSchema, XMLSchemaError> {
        XMLLibrary.prepare()
        XMLLibrary.allowSchemaDirectory(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        return compile(path: path) { xmlSchemaNewParserCtxt(path) }
    }

    /// Compiles a driver schema that imports each `(namespace, path)` pair, so that a schema
    /// whose strict wildcard admits elements of another namespace (the WCO `MetaData` envelope
    /// around a `Declaration`) is compiled together with the XSD that declares them. `path` in
    /// the result (and in its messages) is the first import's.
    public static func compile(importing imports: [(namespace: String, path: String)]) -> Result<XMLSchema, XMLSchemaError> {
        XMLLibrary.prepare()
        let path = imports.first?.path ?? ""
        for (_, file) in imports {
            XMLLibrary.allowSchemaDirectory(URL(fileURLWithPath: file).deletingLastPathComponent().path)
        }
        var driver = #"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">"#
        for (namespace, file) in imports {
            driver += #"<xs:import namespace="\#(escaped(namespace))" schemaLocation="\#(escaped(file))"/>"#
        }
        driver += "</xs:schema>"
        let bytes = Array(driver.utf8).map { CChar(bitPattern: $0) }
        // The parser reads the buffer during xmlSchemaParse: compile within its lifetime.
        return bytes.withUnsafeBufferPointer { buffer in
            compile(path: path) { xmlSchemaNewMemParserCtxt(buffer.baseAddress, Int32(buffer.count)) }
        }
    }

    private static func compile(path: String, parserContext: () -> xmlSchemaParserCtxtPtr?) -> Result<XMLSchema, XMLSchemaError> {
        let sink = XMLErrorSink(file: path)
        guard let parser = parserContext() else {
            return .failure(XMLSchemaError(path: path, messages: ["cannot create a schema parser"]))
        }
        defer { xmlSchemaFreeParserCtxt(parser) }
        let context = Unmanaged.passUnretained(sink).toOpaque()
        xmlSchemaSetParserStructuredErrors(parser, structuredErrorRelay, context)
        let schema = xmlSchemaParse(parser)
        withExtendedLifetime(sink) {}
        guard let schema else {
            let messages = sink.findings.map { finding in
                [finding.line.map { "line \($0)" }, finding.message].compactMap { $0 }.joined(separator: ": ")
            }
            return .failure(XMLSchemaError(path: path, messages: messages.isEmpty ? ["the XSD does not compile"] : messages))
        }
        return .success(XMLSchema(pointer: schema, path: path))
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;")
    }
}

/// Why an XSD did not compile.
public struct XMLSchemaError: Error, Sendable, Hashable {
    public var path: String
    public var messages: [String]

    public var summary: String {
        messages.first ?? "the XSD does not compile"
    }
}
