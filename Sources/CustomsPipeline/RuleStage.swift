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
    /// The rule findings of the declaration at `index` in its file.
    typealias Found = (index: Int, findings: [Finding])

    /// The code-list and consistency findings of one declaration, computed as soon as it is
    /// harmonized (a streaming reader need not keep its full form); ``finish(_:ruleFindings:configuration:)``
    /// files them once the file is read.
    static func check(_ declaration: Declaration, configuration: PipelineConfiguration) -> [Finding] {
        configuration.ruleSet.check(declaration, in: configuration.ruleContext, configuration: configuration.rules)
    }

    /// Files the rule findings of the declarations at these indices, computed by ``check(_:configuration:)``,
    /// under the keys the declarations now have — unless the file stopped at the syntax layer —
    /// dropping those about a field the adapter already reported on, then applies the rules
    /// configuration to every finding of the file.
    static func finish(
        _ result: inout FileResult, ruleFindings: [Found], configuration: PipelineConfiguration
    ) {
        let stoppedAtSyntax = result.findings.contains {
            $0.severity == .error && RuleCatalogue.descriptor($0.rule)?.layer == .file
        }
        if !stoppedAtSyntax {
            let seen = Set(result.findings.compactMap { $0.field == nil ? nil : Key(declaration: $0.declaration, field: $0.field) })
            for (index, findings) in ruleFindings {
                let key = result.declarations.key(at: index)
                for var finding in findings {
                    finding.declaration = key.isEmpty ? nil : key
                    if finding.field == nil || !seen.contains(Key(declaration: finding.declaration, field: finding.field)) {
                        result.findings.append(finding)
                    }
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
