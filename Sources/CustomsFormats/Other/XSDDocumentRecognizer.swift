public import CustomsXML

/// Recognizes W3C XML Schema files (`xs:schema`), which often sit beside declarations in a
/// delivery: `format.not-a-declaration` (info) rather than `format.unknown`.
public struct XSDDocumentRecognizer: XMLFormatAdapter {
    public let format = "xsd"

    public init() {}

    public func readsPastRoot(_ root: XMLStartTag) -> Bool { false }

    public func recognize(_ prologue: XMLPrologue) -> XMLRecognition? {
        guard let root = prologue.root, root.name == "schema", root.namespace == "http://www.w3.org/2001/XMLSchema" else { return nil }
        return .notADeclaration(messageType: "xs:schema", what: "an XML Schema definition (XSD)")
    }

    public func role(for tag: XMLStartTag) -> XMLNodeRole { .descend }

    public func harmonize(_ record: XMLElement, context: inout HarmonizeContext) -> [DeclarationDraft] { [] }
}
