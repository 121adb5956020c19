public import CustomsCore

/// `code.transport-mode`: a transport mode code kept as filed (the declaration has no mode) is
/// at least in its source's code list: China customs 运输方式, the EAEU classifier of transport
/// modes (CU Commission Decision No. 378) or UN/ECE Recommendation 19
/// (`Schemas/codelists/transport-modes.csv`). Codes that exist but are not modes of transport
/// (bonded movements, own propulsion) are fine: the mode is then omitted, not wrong.
public struct TransportModeCodeRule: DeclarationRule {
    public let codes = ["code.transport-mode"]
    public let layer = RuleLayer.codeLists
    public let source = "China customs transport modes, EAEU Decision No. 378, UN/ECE Rec 19 (Schemas/codelists/transport-modes.csv)"

    public init() {}

    public func check(_ declaration: Declaration, in context: RuleContext) -> [Finding] {
        guard declaration.transportMode == nil,
              let (name, raw) = AsFiledCodeSource.raw(AsFiledCodeSource.transportModeNames, in: declaration.asFiled)
        else { return [] }
        let systems = AsFiledCodeSource.systems(for: declaration.sourceFormat)
        let known = systems.contains { system in
            if case .unknown = context.codeLists.transportMode(raw, in: system) { return false }
            return true
        }
        guard !known else { return [] }
        let tables = systems.map(\.tableName).joined(separator: " or ")
        return [FindingPlace.finding(
            "code.transport-mode", "transportMode: \(name) \(FindingPlace.quoted(raw)) is not in the \(tables) transport mode table",
            in: declaration, field: "transportMode")]
    }
}

extension CodeSystem {
    var tableName: String {
        switch self {
        case .china: "China customs"
        case .eaeu: "EAEU"
        case .rec19: "UN/ECE Rec 19"
        default: rawValue
        }
    }
}
