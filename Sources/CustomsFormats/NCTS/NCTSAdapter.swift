import CustomsCore
public import CustomsXML

/// Reads EU transit (NCTS phase 5) messages: namespace `http://ncts.dgtaxud.ec` on the root
/// only, children unqualified. One record per message (its root).
///
/// - `CC015C` (declaration data) → a transit declaration (``NCTSDeclarationReader``).
/// - `CC013C` (declaration amendment) → the amended transit declaration, read the same way,
///   with `messageType` `CC013C` and a `declaration.amended` (info) finding naming the LRN it
///   amends: it is the new version of that declaration; keeping the versions is the store's job.
/// - `CC029C` (release for transit) → a declaration record that carries only the identity of the
///   released declaration and its `release` event (``NCTSReleaseReader``); the goods data the
///   message repeats are not read again.
/// - Any other NCTS message (`CC043C` unloading permission, ...) is recognized as
///   `format.not-a-declaration` (info) and still checked for well-formedness and its XSD.
public struct NCTSAdapter: XMLFormatAdapter {
    public let format = "eu-ncts"
    static let namespace = "http://ncts.dgtaxud.ec"
    static let notDeclarations: [String: String] = [
        "CC043C": "an unloading permission (the office of destination's permission to unload)",
        "CC007C": "an arrival notification",
        "CC044C": "unloading remarks",
        "CC025C": "a goods release notification at destination",
        "CC014C": "a declaration cancellation request",
        "CC009C": "a cancellation decision",
        "CC028C": "an MRN allocation",
        "CC928C": "a positive acknowledgement",
        "CC056C": "a rejection",
        "CC060C": "a control decision notification",
    ]

    public init() {}

    public func readsPastRoot(_ root: XMLStartTag) -> Bool { false }

    public func recognize(_ prologue: XMLPrologue) -> XMLRecognition? {
        guard let root = prologue.root, root.namespace == Self.namespace else { return nil }
        switch root.name {
        case "CC015C", "CC013C", "CC029C":
            return .declarations(messageType: root.name)
        default:
            let what = Self.notDeclarations[root.name] ?? "an NCTS message"
            return .notADeclaration(messageType: root.name, what: what)
        }
    }

    public func role(for tag: XMLStartTag) -> XMLNodeRole {
        tag.depth == 0 && tag.namespace == Self.namespace ? .record : .descend
    }

    public func harmonize(_ record: XMLElement, context: inout HarmonizeContext) -> [DeclarationDraft] {
        var draft = DeclarationDraft(format: format, messageType: record.name, file: context.file, line: record.line)
        let codes = context.codeLists
        switch record.name {
        case "CC029C":
            NCTSReleaseReader(codes: codes).read(record, into: &draft)
        case "CC015C", "CC013C":
            NCTSDeclarationReader(codes: codes).read(record, into: &draft)
            if record.name == "CC013C" {
                let lrn = record.path("TransitOperation", "LRN")?.trimmedText ?? ""
                let flag = record.path("TransitOperation", "amendmentTypeFlag")?.trimmedText
                draft.finding(
                    "declaration.amended",
                    "CC013C amends the transit declaration with LRN '\(lrn)'\(flag.map { " (amendmentTypeFlag \($0))" } ?? ""); this version replaces the earlier one",
                    at: record, field: "id")
            }
        default:
            return []
        }
        return [draft]
    }
}
