public import CustomsCore

/// The declaration rules in the order of their layers: code lists, then consistency (syntax,
/// schema and field findings come from the XML reader and the adapters before).
public struct RuleSet: Sendable {
    public let rules: [any DeclarationRule]

    /// Every rule of the product, in layer order.
    public static let standard = RuleSet(rules: [
        CountryCodeRule(), CurrencyCodeRule(), UnitCodeRule(), TransportModeCodeRule(), DirectionCodeRule(),
        HSCodeRule(), ContainerCheckDigitRule(), PartyIDCheckRule(),
        NetMassRule(), TotalsRule(), LineTotalRule(),
    ])

    public init(rules: [any DeclarationRule]) {
        let order = RuleLayer.allCases
        self.rules = rules.enumerated().sorted { a, b in
            let (la, lb) = (order.firstIndex(of: a.element.layer) ?? 0, order.firstIndex(of: b.element.layer) ?? 0)
            return la != lb ? la < lb : a.offset < b.offset
        }.map(\.element)
    }

    /// The codes some rule of this set can report.
    public var codes: Set<String> { Set(rules.flatMap(\.codes)) }

    /// The findings of every enabled rule about `declaration`, with the configuration's
    /// severities. A rule whose codes are all disabled does not run. Makes the code lists'
    /// tables for this one call: a batch checks with ``check(_:in:configuration:)`` and one
    /// ``RuleContext``.
    public func check(_ declaration: Declaration, codeLists: CodeLists, configuration: RuleConfiguration = .standard) -> [Finding] {
        check(declaration, in: RuleContext(codeLists: codeLists, tolerances: configuration.tolerances), configuration: configuration)
    }

    /// ``check(_:codeLists:configuration:)`` with a context made once (its tolerances should be
    /// the configuration's).
    public func check(_ declaration: Declaration, in context: RuleContext, configuration: RuleConfiguration = .standard) -> [Finding] {
        var findings: [Finding] = []
        // A closure, not `configuration.isEnabled` itself: that would copy the configuration per
        // rule. Each rule is called where it lies in the array, not copied out of it; most find
        // nothing, and nothing is appended then.
        for index in rules.indices where rules[index].codes.contains(where: { configuration.isEnabled($0) }) {
            let found = rules[index].check(declaration, in: context)
            if found.isEmpty { continue }
            if findings.isEmpty { findings = found } else { findings += found }
        }
        return configuration.apply(to: findings)
    }
}
