public import CustomsCore

/// `code.direction`: a direction flag kept as filed (the declaration has no direction) is one of
/// the known flags: China IEFlag `I`/`E`, EAEU `CustomsProcedure` ИМ/ЭК/ТТ or their Latin
/// look-alikes (`Schemas/codelists/directions.csv`), or the shared `import`/`export`/`transit`.
public struct DirectionCodeRule: DeclarationRule {
    public let codes = ["code.direction"]
    public let layer = RuleLayer.codeLists
    public let source = "China IEFlag, EAEU CustomsProcedure (Schemas/codelists/directions.csv)"

    public init() {}

    public func check(_ declaration: Declaration, in context: RuleContext) -> [Finding] {
        guard declaration.direction == nil,
              let (name, raw) = AsFiledCodeSource.raw(AsFiledCodeSource.directionNames, in: declaration.asFiled)
        else { return [] }
        if Direction(rawValue: raw) != nil { return [] }
        if [CodeSystem.china, .eaeu].contains(where: { context.codeLists.direction(raw, in: $0) != nil }) { return [] }
        let expected = switch declaration.sourceFormat {
        case "cn-dec", "cn-ceb": "I (import) or E (export)"
        case "eaeu-esad": "ИМ, ЭК or ТТ (or IM, EK, TT)"
        default: "import, export or transit"
        }
        return [FindingPlace.finding(
            "code.direction", "direction: \(name) \(FindingPlace.quoted(raw)) is not a direction flag; expected \(expected)",
            in: declaration, field: "direction")]
    }
}
