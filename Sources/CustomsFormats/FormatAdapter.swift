public import CustomsCore
public import CustomsXML

/// What an adapter recognizes in a document's prologue.
public enum XMLRecognition: Sendable, Hashable {
    /// Goods declarations of this message type (`DecMessage`, `CEB621`, `CC015C`, ...).
    case declarations(messageType: String)
    /// A known customs message that is not a goods declaration (an order, a payment, a receipt):
    /// `format.not-a-declaration` (info).
    case notADeclaration(messageType: String, what: String)
}

/// Reads one XML declaration format into shared declarations.
///
/// An adapter recognizes its documents by content (root element and namespace, or an element
/// inside a known envelope), tells the streaming reader which elements are records, and
/// harmonizes each record into zero or more ``DeclarationDraft``s. It reports problems as
/// findings on the drafts; it never throws and never guesses a value.
public protocol XMLFormatAdapter: Sendable {
    /// The `sourceFormat` value: `cbd-xml`, `cn-dec`, `cn-ceb`, `eaeu-esad`, `eu-ncts`, `wco-dms`.
    var format: String { get }
    /// `nil` when the document is not of this format.
    func recognize(_ prologue: XMLPrologue) -> XMLRecognition?
    /// Whether ``recognize(_:)`` looks at start tags past this root (an envelope whose content
    /// says what the document is). `true` by default; an adapter that knows its documents by
    /// the root alone says `false`, and the sniffer then stops at the root.
    func readsPastRoot(_ root: XMLStartTag) -> Bool
    /// Which elements are records (read whole and passed to ``harmonize(_:context:)``).
    func role(for tag: XMLStartTag) -> XMLNodeRole
    /// The declarations of one record.
    func harmonize(_ record: XMLElement, context: inout HarmonizeContext) -> [DeclarationDraft]
    /// This adapter as a ``FlatRecordAdapter`` when it reads records flat, `nil` when it reads
    /// trees (the default). Asked of the adapter rather than found by a cast: a cast to the
    /// protocol searched the binary's conformance records again on every file.
    var flatRecordAdapter: (any FlatRecordAdapter)? { get }
}

extension XMLFormatAdapter {
    public func readsPastRoot(_ root: XMLStartTag) -> Bool { true }
    public var flatRecordAdapter: (any FlatRecordAdapter)? { nil }
}

/// What an adapter knows while it reads one file.
public struct HarmonizeContext: Sendable {
    /// The file name used in findings and `source.file`.
    public var file: String
    public var codeLists: CodeLists
    public var messageType: String
    /// Findings about the file rather than one declaration.
    public var fileFindings: [Finding] = []
    /// Elements an adapter keeps between records (a message header read before its items).
    public var retained: [String: XMLElement] = [:]

    public init(file: String, codeLists: CodeLists, messageType: String) {
        self.file = file
        self.codeLists = codeLists
        self.messageType = messageType
    }
}
