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
        let sink = XMLErrorSink(file: path)
        guard let parser = xmlSchemaNewParserCtxt(path) else {
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
}

/// Why an XSD did not compile.
public struct XMLSchemaError: Error, Sendable, Hashable {
    public var path: String
    public var messages: [String]

    public var summary: String {
        messages.first ?? "the XSD does not compile"
    }
}
