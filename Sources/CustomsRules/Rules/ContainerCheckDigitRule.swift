public import CustomsCore

/// `container.check-digit`: each container number is an ISO 6346 identification whose last
/// digit is its check digit (``ISO6346``). A number not in ISO 6346 form at all (a placeholder
/// such as `666666`) gets the same code with a message saying so.
public struct ContainerCheckDigitRule: DeclarationRule {
    public let codes = ["container.check-digit"]
    public let layer = RuleLayer.codeLists
    public let source = "ISO 6346:1995 freight containers: coding, identification and marking"

    public init() {}

    public func check(_ declaration: Declaration, in context: RuleContext) -> [Finding] {
        declaration.containers.enumerated().compactMap { index, id in
            let field = "containers[\(index)]"
            let message: String
            switch ISO6346.check(id) {
            case .valid:
                return nil
            case let .wrongCheckDigit(found, expected):
                message = "\(field) \(id) fails the ISO 6346 check digit: found \(found), expected \(expected) (\(id.prefix(10))\(expected))"
            case let .missingCheckDigit(expected):
                message = "\(field) \(id) lacks its ISO 6346 check digit: expected \(id)\(expected)"
            case .notISO6346:
                message = "\(field) \(FindingPlace.quoted(id)) is not an ISO 6346 container number (expected 3 owner letters, category U, J or Z, a 6-digit serial and a check digit, e.g. CSQU3054383)"
            }
            return FindingPlace.finding("container.check-digit", message, in: declaration, field: field)
        }
    }
}
