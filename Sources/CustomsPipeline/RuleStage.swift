import CustomsCore
import CustomsRules

/// The code-list and consistency layers, run on each harmonized declaration of a file after the
/// syntax, schema and field layers (the XML reader and the adapters).
///
/// A schema violation does not stop these layers: they run on whatever could be read. A file
/// that is not readable or not well-formed (an error of the file & syntax layer) stops before
/// them. A rule finding about a field the adapter already reported on (same declaration and
/// field, whatever the code: a USCC the adapter called `field.invalid`, a header total it
/// checked itself) is dropped, so one defect gives one finding. The rules configuration then applies to every finding of the file:
/// disabled codes go, overridden severities apply.
enum RuleStage {
    static func run(on result: inout FileResult, configuration: PipelineConfiguration) {
        let stoppedAtSyntax = result.findings.contains {
            $0.severity == .error && RuleCatalogue.descriptor($0.rule)?.layer == .file
        }
        if !stoppedAtSyntax {
            let seen = Set(result.findings.compactMap { $0.field == nil ? nil : Key(declaration: $0.declaration, field: $0.field) })
            for declaration in result.declarations {
                for finding in configuration.ruleSet.check(declaration, codeLists: configuration.codeLists, configuration: configuration.rules)
                where finding.field == nil || !seen.contains(Key(declaration: finding.declaration, field: finding.field)) {
                    result.findings.append(finding)
                }
            }
        }
        result.findings = configuration.rules.apply(to: result.findings)
    }

    private struct Key: Hashable {
        var declaration: String?
        var field: String?
    }
}
