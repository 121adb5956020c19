import ArgumentParser
import CustomsCore

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "The rule catalogue: code, layer, default severity, one-line description."
    )

    @Option(help: "Output form: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        switch format {
        case .json:
            print(JSONValue.array(RuleCatalogue.all.map { rule in
                .object([
                    ("code", .string(rule.code)), ("layer", .string(rule.layer.rawValue)),
                    ("severity", .string(rule.severity.rawValue)), ("description", .string(rule.summary)),
                ])
            }).serialized())
        case .text:
            let width = RuleCatalogue.all.map(\.code.count).max() ?? 0
            for rule in RuleCatalogue.all {
                let code = rule.code.padding(toLength: width, withPad: " ", startingAt: 0)
                let layer = rule.layer.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
                let severity = rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                print("\(code)  \(layer)  \(severity)  \(rule.summary)")
            }
        }
    }
}
