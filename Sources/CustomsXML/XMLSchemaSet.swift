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
/// An XSD whose wildcard (`xs:any namespace="…"`) admits elements of a namespace it does not
/// import itself — the WCO `MetaData` envelope around a DEC-DMS `Declaration` — is compiled
/// together with the XSD of the set that declares global elements in that namespace, through a
/// driver schema that imports both; documents rooted in it are validated against that pair.
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
        var facts: [(path: String, facts: XSDFacts)] = []
        for directory in directories {
            let base = URL(fileURLWithPath: directory).standardizedFileURL.path
            XMLLibrary.allowSchemaDirectory(base)
            for path in XMLSchemaSet.schemaFiles(in: base) {
                let read = XSDGlobalElements.facts(path: path)
                facts.append((path, read))
                let declared = read.globalElements
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
        XMLSchemaSet.compileWildcardPartners(facts, into: &index)
        byRootElement = index
        self.failures = failures
        self.compiled = compiled
    }

    /// The schema entry for a document root, or `nil` when no XSD of the set declares it.
    public func entry(for root: XMLQualifiedName) -> Entry? {
        byRootElement[root]
    }

    /// Replaces the entries of each XSD whose wildcards need another XSD of the set with a
    /// driver schema compiled from both (when that compiles).
    static func compileWildcardPartners(_ facts: [(path: String, facts: XSDFacts)], into index: inout [XMLQualifiedName: Entry]) {
        var declaring: [String: String] = [:]
        for (path, fact) in facts where !fact.globalElements.isEmpty {
            if let namespace = fact.targetNamespace, declaring[namespace] == nil { declaring[namespace] = path }
        }
        for (path, fact) in facts where !fact.globalElements.isEmpty {
            guard let namespace = fact.targetNamespace else { continue }
            let partners = fact.wildcardNamespaces.subtracting(fact.importedNamespaces).subtracting([namespace]).sorted()
                .compactMap { partner in declaring[partner].map { (namespace: partner, path: $0) } }
            guard !partners.isEmpty, case .compiled? = index[fact.globalElements[0]] else { continue }
            guard case let .success(schema) = XMLSchema.compile(importing: [(namespace, path)] + partners) else { continue }
            for name in fact.globalElements where {
                if case let .compiled(existing)? = index[name] { return existing.path == path }
                return false
            }() {
                index[name] = .compiled(schema)
            }
        }
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
