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
        func check(_ name: String, _ party: Party?) {
            // 18 characters take at least 18 bytes: shorter ids are not counted character by character.
            guard let party, let id = party.id, id.utf8.count >= 18, id.count == 18,
                  party.country == "CN" || (party.country == nil && filedInChina)
            else { return }
            let field = name + ".id"
            let message: String
            switch USCC.check(id) {
            case .valid, .wrongLength:
                return
            case let .wrongCheckCharacter(found, expected):
                guard !USCC.isResidentIdentityNumber(id) else { return }
                message = "\(field) \(id) fails the USCC check character (GB 32100-2015): found \(found), expected \(expected)"
            case let .invalidCharacter(character, position):
                message = "\(field) \(id) is not a USCC (GB 32100-2015): character '\(character)' at position \(position) is outside 0-9 and A-Y without I, O, S, V, Z"
            }
            findings.append(FindingPlace.finding("party.id-check", message, in: declaration, field: field))
        }
        check("exporter", declaration.exporter)
        check("importer", declaration.importer)
        check("declarant", declaration.declarant)
        return findings
    }
}
