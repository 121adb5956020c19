public import CustomsCore

/// `party.id-check`: an 18-character id of a Chinese party (country CN, or no country on a
/// declaration filed in China) is a Unified Social Credit Code whose last character is its check
/// character (GB 32100-2015, ``USCC``). A valid resident identity card number (a private
/// person) is not a USCC and is left alone.
public struct PartyIDCheckRule: DeclarationRule {
    public let codes = ["party.id-check"]
    public let layer = RuleLayer.codeLists
    public let source = "GB 32100-2015 Unified Social Credit Code check character"

    public init() {}

    public func check(_ declaration: Declaration, in context: RuleContext) -> [Finding] {
        let filedInChina = declaration.declaringCountry == "CN" || declaration.sourceFormat.hasPrefix("cn-")
        var findings: [Finding] = []
        for (name, party) in [("exporter", declaration.exporter), ("importer", declaration.importer), ("declarant", declaration.declarant)] {
            guard let party, let id = party.id, id.count == 18,
                  party.country == "CN" || (party.country == nil && filedInChina)
            else { continue }
            let field = name + ".id"
            let message: String
            switch USCC.check(id) {
            case .valid, .wrongLength:
                continue
            case let .wrongCheckCharacter(found, expected):
                guard !USCC.isResidentIdentityNumber(id) else { continue }
                message = "\(field) \(id) fails the USCC check character (GB 32100-2015): found \(found), expected \(expected)"
            case let .invalidCharacter(character, position):
                message = "\(field) \(id) is not a USCC (GB 32100-2015): character '\(character)' at position \(position) is outside 0-9 and A-Y without I, O, S, V, Z"
            }
            findings.append(FindingPlace.finding("party.id-check", message, in: declaration, field: field))
        }
        return findings
    }
}
