import CustomsCore

/// Reads which global elements an XSD file declares: the `xs:element name="…"` children of
/// its `xs:schema`, in its `targetNamespace`. Read as plain XML (not compiled), so even an XSD
/// that does not compile says which documents it was meant for.
enum XSDGlobalElements {
    static let xsdNamespace = "http://www.w3.org/2001/XMLSchema"

    static func read(path: String) -> [XMLQualifiedName] {
        var targetNamespace: String?
        var names: [XMLQualifiedName] = []
        let reader = XMLDocumentReader(path: path)
        _ = reader.read(
            role: { tag in
                if tag.depth == 0 { return .record }
                return .descend
            },
            onRecord: { schema in
                guard schema.name == "schema", schema.namespace == xsdNamespace else { return }
                targetNamespace = schema.attribute("targetNamespace")
                for element in schema.children where element.name == "element" && element.namespace == xsdNamespace {
                    if let name = element.attribute("name") {
                        names.append(XMLQualifiedName(namespace: targetNamespace, name: name))
                    }
                }
            })
        return names
    }
}
