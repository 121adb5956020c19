import CustomsCore

/// What an XSD file says about itself, read as plain XML (not compiled), so even an XSD that
/// does not compile says which documents it was meant for.
struct XSDFacts {
    var targetNamespace: String?
    /// The `xs:element name="…"` children of its `xs:schema`, in its `targetNamespace`.
    var globalElements: [XMLQualifiedName] = []
    /// The namespaces of its `xs:import`s.
    var importedNamespaces: Set<String> = []
    /// The namespaces named by its `xs:any namespace="…"` wildcards (specific URIs only).
    var wildcardNamespaces: Set<String> = []
}

/// Reads which global elements an XSD file declares, and what it imports and admits by wildcard.
enum XSDGlobalElements {
    static let xsdNamespace = "http://www.w3.org/2001/XMLSchema"

    static func read(path: String) -> [XMLQualifiedName] {
        facts(path: path).globalElements
    }

    static func facts(path: String) -> XSDFacts {
        var facts = XSDFacts()
        let reader = XMLDocumentReader(path: path)
        _ = reader.read(
            role: { tag in
                if tag.depth == 0 { return .record }
                return .descend
            },
            onRecord: { schema in
                guard schema.name == "schema", schema.namespace == xsdNamespace else { return }
                let targetNamespace = schema.attribute("targetNamespace")
                facts.targetNamespace = targetNamespace
                for element in schema.children where element.namespace == xsdNamespace {
                    if element.name == "element", let name = element.attribute("name") {
                        facts.globalElements.append(XMLQualifiedName(namespace: targetNamespace, name: name))
                    } else if element.name == "import", let namespace = element.attribute("namespace") {
                        facts.importedNamespaces.insert(namespace)
                    }
                }
                for any in schema.descendants("any") where any.namespace == xsdNamespace {
                    for namespace in (any.attribute("namespace") ?? "").split(separator: " ") where !namespace.hasPrefix("##") {
                        facts.wildcardNamespaces.insert(String(namespace))
                    }
                }
            })
        return facts
    }
}
