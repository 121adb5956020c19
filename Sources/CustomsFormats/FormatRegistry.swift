public import CustomsXML

/// The XML adapters the product knows, asked in order; the first that recognizes a document reads it.
public struct FormatRegistry: Sendable {
    public var xmlAdapters: [any XMLFormatAdapter]

    public init(xmlAdapters: [any XMLFormatAdapter]) {
        self.xmlAdapters = xmlAdapters
    }

    /// Every adapter of the product.
    public static let standard = FormatRegistry(xmlAdapters: [
        CBDXMLAdapter(),
        ChinaDecAdapter(),
        ChinaCEBAdapter(),
        ChinaOtherMessagesRecognizer(),
        ESADAdapter(),
        NCTSAdapter(),
        WCODeclarationAdapter(),
        XSDDocumentRecognizer(),
    ])

    /// Whether any adapter needs the start tags past this root to recognize the document: when
    /// none does, the prologue can stop at the root with the same recognition.
    public func readsPastRoot(_ root: XMLStartTag) -> Bool {
        xmlAdapters.contains { $0.readsPastRoot(root) }
    }

    /// The adapter that reads this document and what it recognized, or `nil` (`format.unknown`).
    public func adapter(for prologue: XMLPrologue) -> (any XMLFormatAdapter, XMLRecognition)? {
        for adapter in xmlAdapters {
            if let recognition = adapter.recognize(prologue) { return (adapter, recognition) }
        }
        return nil
    }
}
