public import CustomsXML

/// Recognizes China customs messages that travel beside declarations but are not goods
/// declarations: manifests (舱单, `MT1401`, `MT2401`, ...; namespace
/// `urn:Declaration:datamodel:standard:CN:MTnnnn:1`) and Golden Customs II special-zone
/// messages in their `Signature` envelope — the gate pass (核放单, SAS121, `PassPortMessage`) and
/// the bonded goods inventory (核注清单, INV101, `InvtMessage`). `format.not-a-declaration` (info).
public struct ChinaOtherMessagesRecognizer: XMLFormatAdapter {
    public let format = "cn-other"

    static let manifestNamespacePrefix = "urn:Declaration:datamodel:standard:CN:"
    static let goldenCustomsMessages: [(element: String, type: String, what: String)] = [
        ("PassPortMessage", "SAS121", "a special-zone gate pass of Golden Customs II (核放单)"),
        ("InvtMessage", "INV101", "a bonded goods inventory of Golden Customs II (核注清单)"),
    ]

    public init() {}

    public func recognize(_ prologue: XMLPrologue) -> XMLRecognition? {
        guard let root = prologue.root else { return nil }
        if root.name == "Manifest", let namespace = root.namespace, namespace.hasPrefix(Self.manifestNamespacePrefix) {
            let type = namespace.dropFirst(Self.manifestNamespacePrefix.count).split(separator: ":").first.map(String.init) ?? "manifest"
            return .notADeclaration(messageType: type, what: "a China customs manifest (舱单) of the carrier")
        }
        if root.name == "Signature" {
            for message in Self.goldenCustomsMessages where prologue.startTags.contains(where: { $0.name == message.element }) {
                return .notADeclaration(messageType: message.type, what: message.what)
            }
        }
        return nil
    }

    public func readsPastRoot(_ root: XMLStartTag) -> Bool { root.name == "Signature" }

    public func role(for tag: XMLStartTag) -> XMLNodeRole { .descend }

    public func harmonize(_ record: XMLElement, context: inout HarmonizeContext) -> [DeclarationDraft] { [] }
}
