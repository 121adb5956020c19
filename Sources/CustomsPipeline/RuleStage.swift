import CustomsCore
import CustomsRules

/// The code-list and consistency layers, run on each harmonized declaration of a file after the
/// syntax, schema and field layers (the XML reader and the adapters).
///
/// A schema violation does not stop these layers: they run on whatever could be read. A file
/// that is not readable or not well-formed (an error of the file & syntax layer) stops before
/// them. A rule finding that repeats one the adapter already made (same code, declaration and
/// field) is dropped. The rules configuration then applies to every finding of the file:
/// disabled codes go, overridden severities apply.
enum RuleStage {
    static func run(on result: inout FileResult, configuration: PipelineConfiguration) {
        let stoppedAtSyntax = result.findings.contains {
            $0.severity == .error && RuleCatalogue.descriptor($0.rule)?.layer == .file
        }
        if !stoppedAtSyntax {
            var seen = Set(result.findings.map { Key(rule: $0.rule, declaration: $0.declaration, field: $0.field) })
            for declaration in result.declarations {
                for finding in configuration.ruleSet.check(declaration, codeLists: configuration.codeLists, configuration: configuration.rules)
                where seen.insert(Key(rule: finding.rule, declaration: finding.declaration, field: finding.field)).inserted {
                    result.findings.append(finding)
                }
            }
        }
        result.findings = configuration.rules.apply(to: result.findings)
    }

    private struct Key: Hashable {
        var rule: String
        var declaration: String?
        var field: String?
    }
}
