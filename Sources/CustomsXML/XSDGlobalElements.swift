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

    /// The facts of the XSD at `path`, its elements read flat (an XSD of several hundred KB is one
    /// record: no tree of it is built).
    static func facts(path: String) -> XSDFacts {
        var facts = XSDFacts()
        let reader = XMLDocumentReader(path: path)
        _ = reader.readFlat(
            role: { tag in
                if tag.depth == 0 { return .record }
                return .descend
            },
            onRecord: { schema in
                guard schema.name(0) == "schema", schema.isXSD(0) else { return }
                let targetNamespace = schema.attribute("targetNamespace", of: 0)
                facts.targetNamespace = targetNamespace
                for index in 1..<schema.count where schema.isXSD(index) {
                    let name = schema.name(index)
                    if schema.nodes[index].parent == 0 {
                        if name == "element", let declared = schema.attribute("name", of: index) {
                            facts.globalElements.append(XMLQualifiedName(namespace: targetNamespace, name: declared))
                        } else if name == "import", let namespace = schema.attribute("namespace", of: index) {
                            facts.importedNamespaces.insert(namespace)
                        }
                    }
                    if name == "any" {
                        for namespace in (schema.attribute("namespace", of: index) ?? "").split(separator: " ") where !namespace.hasPrefix("##") {
                            facts.wildcardNamespaces.insert(String(namespace))
                        }
                    }
                }
            })
        return facts
    }
}

private extension XMLFlatRecord {
    /// Whether the element at `index` is in the XML Schema namespace.
    func isXSD(_ index: Int) -> Bool {
        namespaces[Int(nodes[index].namespace)] == XSDGlobalElements.xsdNamespace
    }
}
