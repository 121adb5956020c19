import CustomsCore
import Foundation

/// A global element an XSD declares: its target namespace and local name.
public struct XMLQualifiedName: Sendable, Hashable, CustomStringConvertible {
    public var namespace: String?
    public var name: String

    public init(namespace: String?, name: String) {
        self.namespace = namespace?.isEmpty == true ? nil : namespace
        self.name = name
    }

    public var description: String {
        namespace.map { "{\($0)}\(name)" } ?? name
    }
}

/// Every XSD of the `--schemas` folders, compiled once and indexed by the global elements it
/// declares (`SPEC.md`, `--schemas DIR`): a document is validated against the schema that
/// declares its root element.
///
/// An XSD that does not compile is kept as a failure: the documents whose root it declares get
/// `schema.unavailable` (warning), and the command goes on.
public final class XMLSchemaSet: Sendable {
    public enum Entry: Sendable {
        case compiled(XMLSchema)
        case failed(XMLSchemaError)
    }

    /// Root element → the schema that declares it (the first XSD by path when several do).
    public let byRootElement: [XMLQualifiedName: Entry]
    /// XSDs that did not compile, with their messages.
    public let failures: [XMLSchemaError]
    /// Paths of the XSDs that compiled.
    public let compiled: [String]

    public init(directories: [String]) {
        var index: [XMLQualifiedName: Entry] = [:]
        var failures: [XMLSchemaError] = []
        var compiled: [String] = []
        for directory in directories {
            let base = URL(fileURLWithPath: directory).standardizedFileURL.path
            XMLLibrary.allowSchemaDirectory(base)
            for path in XMLSchemaSet.schemaFiles(in: base) {
                let declared = XSDGlobalElements.read(path: path)
                let entry: Entry
                switch XMLSchema.compile(path: path) {
                case let .success(schema):
                    entry = .compiled(schema)
                    compiled.append(path)
                case let .failure(error):
                    entry = .failed(error)
                    failures.append(error)
                }
                for name in declared where index[name] == nil {
                    index[name] = entry
                }
            }
        }
        byRootElement = index
        self.failures = failures
        self.compiled = compiled
    }

    /// The schema entry for a document root, or `nil` when no XSD of the set declares it.
    public func entry(for root: XMLQualifiedName) -> Entry? {
        byRootElement[root]
    }

    static func schemaFiles(in directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.lowercased().hasSuffix(".xsd") { files.append(directory + "/" + relative) }
        }
        return files.sorted()
    }
}
