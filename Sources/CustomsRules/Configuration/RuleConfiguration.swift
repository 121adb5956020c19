public import CustomsCore
import Foundation

/// What the rules report and how seriously: the "accepted" answer next to the rules' "valid"
/// one (KoSIT validator). Rules are enabled or disabled by code or by layer — a code's own
/// setting wins over its layer's — severities are overridden per code, and the tolerances of
/// the consistency rules are set here. Read from a `--rules` file (``RuleConfigurationFile``);
/// the documented default is `Schemas/rules-default.json`.
public struct RuleConfiguration: Sendable, Hashable {
    /// Per code: `true` enabled, `false` disabled; codes not named follow their layer.
    public var codeEnabled: [String: Bool]
    /// Layers switched off as a whole.
    public var disabledLayers: Set<RuleLayer>
    /// Severity overrides per code.
    public var severities: [String: Severity]
    public var tolerances: Tolerances

    /// Every rule enabled at its catalogue severity, default tolerances.
    public static let standard = RuleConfiguration()

    public init(
        codeEnabled: [String: Bool] = [:], disabledLayers: Set<RuleLayer> = [], severities: [String: Severity] = [:],
        tolerances: Tolerances = Tolerances()
    ) {
        self.codeEnabled = codeEnabled
        self.disabledLayers = disabledLayers
        self.severities = severities
        self.tolerances = tolerances
    }

    /// Whether findings with this code are reported.
    public func isEnabled(_ code: String) -> Bool {
        // Nothing configured (the standard configuration): every code is on, no lookup needed.
        if codeEnabled.isEmpty && disabledLayers.isEmpty { return true }
        if let enabled = codeEnabled[code] { return enabled }
        guard let layer = RuleCatalogue.descriptor(code)?.layer else { return true }
        return !disabledLayers.contains(layer)
    }

    /// The severity findings with this code are reported at.
    public func severity(of code: String) -> Severity {
        severities[code] ?? RuleCatalogue.defaultSeverity(of: code)
    }

    /// Drops the findings of disabled codes and applies severity overrides. `findings.capped`
    /// is always kept: a cap is never silent.
    public func apply(to findings: [Finding]) -> [Finding] {
        if codeEnabled.isEmpty && disabledLayers.isEmpty && severities.isEmpty { return findings }
        return findings.compactMap { finding in
            guard finding.rule == "findings.capped" || isEnabled(finding.rule) else { return nil }
            var finding = finding
            if let severity = severities[finding.rule] { finding.severity = severity }
            return finding
        }
    }
}

extension RuleLayer {
    /// The layer's name in a rules file: `file`, `schema`, `fields`, `code-lists`,
    /// `consistency`, `timing`, `mirror` (the catalogue's names are accepted too).
    public var configurationName: String {
        switch self {
        case .file: "file"
        case .codeLists: "code-lists"
        default: rawValue
        }
    }

    public init?(configurationName name: String) {
        guard let layer = RuleLayer.allCases.first(where: { $0.configurationName == name || $0.rawValue == name }) else { return nil }
        self = layer
    }
}
