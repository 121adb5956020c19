import ArgumentParser
import CustomsCore
import CustomsPipeline
import CustomsRules

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "The rule catalogue: code, layer, default severity, one-line description.",
        discussion: """
            With --rules FILE, the severity column shows what that rules configuration makes of each \
            code ("off" when disabled), followed by its tolerances. The default configuration is \
            documented in Schemas/rules-default.json.
            """
    )

    @Option(help: "Output form: text or json.")
    var format: OutputFormat = .text

    @Option(name: .customLong("rules"), help: ArgumentHelp("Show the catalogue as this rules configuration (JSON) applies it.", valueName: "FILE"))
    var rulesFile: String?

    func run() throws {
        var configuration = RuleConfiguration.standard
        if let rulesFile {
            do { configuration = try RuleConfigurationFile.load(rulesFile) } catch { throw PipelineError(error.description) }
        }
        func severity(_ rule: RuleDescriptor) -> String {
            configuration.isEnabled(rule.code) ? configuration.severity(of: rule.code).rawValue : "off"
        }
        switch format {
        case .json:
            print(JSONValue.array(RuleCatalogue.all.map { rule in
                .object([
                    ("code", .string(rule.code)), ("layer", .string(rule.layer.rawValue)),
                    ("severity", .string(severity(rule))), ("description", .string(rule.summary)),
                ])
            }).serialized())
        case .text:
            let width = RuleCatalogue.all.map(\.code.count).max() ?? 0
            for rule in RuleCatalogue.all {
                let code = rule.code.padding(toLength: width, withPad: " ", startingAt: 0)
                let layer = rule.layer.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
                let severity = severity(rule).padding(toLength: 7, withPad: " ", startingAt: 0)
                print("\(code)  \(layer)  \(severity)  \(rule.summary)")
            }
            if rulesFile != nil {
                let tolerances = configuration.tolerances
                print("tolerances (relative |a - b| / max(|a|, |b|)): mass \(DecimalText.percent(tolerances.mass)), amount \(DecimalText.percent(tolerances.amount)), count \(DecimalText.percent(tolerances.count)), lineTotal \(DecimalText.percent(tolerances.lineTotal))")
            }
        }
    }
}
