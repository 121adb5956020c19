import CustomsCore
import CustomsReconcile

/// Builds a ``DiscrepancyReport`` from a ``ReportInput``: counts the findings by layer, groups
/// them by rule, lines up the mirror pairs and takes the clearance times.
public enum ReportBuilder {
    public static func build(_ input: ReportInput) -> DiscrepancyReport {
        var declarations: [DeclarationReference] = []
        var declarationIndex: [String: Int] = [:]
        for file in input.files {
            for declaration in file.declarations {
                let reference = DeclarationReference(declaration, index: declarations.count)
                declarationIndex[DeclarationReference.lookupKey(file: file.path, key: declaration.key)] = reference.index
                declarations.append(reference)
            }
        }
        func reference(_ declaration: Declaration) -> DeclarationReference {
            if let index = declarationIndex[DeclarationReference.lookupKey(file: declaration.source.file, key: declaration.key)] {
                return declarations[index]
            }
            return DeclarationReference(declaration, index: -1)
        }

        let reconciliation = input.reconciliation
        let pairs = reconciliation.pairs.map { pair in
            PairEntry(
                export: reference(pair.export), counterpart: reference(pair.counterpart), matchedBy: pair.matchedBy,
                differences: pair.differences, findings: pair.findings)
        }
        var pairIndexByFinding: [Finding: Int] = [:]
        for (index, pair) in pairs.enumerated() {
            for finding in pair.findings where pairIndexByFinding[finding] == nil { pairIndexByFinding[finding] = index }
        }

        let findings = input.files.flatMap(\.findings) + input.crossFindings
        let groups = ruleGroups(findings)
        var layers = RuleLayer.allCases.map { ReportSummary.LayerCount(layer: $0.rawValue) }
        var other = ReportSummary.LayerCount(layer: otherLayer)
        for finding in findings {
            if let layer = RuleCatalogue.descriptor(finding.rule)?.layer, let index = RuleLayer.allCases.firstIndex(of: layer) {
                layers[index].add(finding.severity)
            } else {
                other.add(finding.severity)
            }
        }
        if other.total > 0 { layers.append(other) }

        let summary = ReportSummary(
            files: input.files.count, declarations: declarations.count,
            reconciledDeclarations: DeclarationCopies.latest(input.reconciledDeclarations).count,
            pairs: pairs.count, pairsWithDiscrepancies: pairs.filter(\.hasDiscrepancy).count,
            unmatched: reconciliation.unmatched.count, layers: layers)
        var report = DiscrepancyReport(
            summary: summary, tolerances: input.settings, pairs: pairs, unmatched: reconciliation.unmatched.map(reference),
            ruleGroups: groups, declarations: declarations,
            clearance: input.clearance ?? [])
        report.declarationIndex = declarationIndex
        report.pairIndexByFinding = pairIndexByFinding
        return report
    }

    /// The layer name of a code outside the catalogue.
    static let otherLayer = "other"

    /// Groups by rule: layers in the order they run, then codes alphabetically.
    static func ruleGroups(_ findings: [Finding]) -> [RuleGroup] {
        var byRule: [String: [Finding]] = [:]
        for finding in findings { byRule[finding.rule, default: []].append(finding) }
        let layerOrder = RuleLayer.allCases
        func rank(_ rule: String) -> Int {
            RuleCatalogue.descriptor(rule).flatMap { layerOrder.firstIndex(of: $0.layer) } ?? layerOrder.count
        }
        return byRule.keys.sorted { (rank($0), $0) < (rank($1), $1) }.map { rule in
            let descriptor = RuleCatalogue.descriptor(rule)
            return RuleGroup(
                rule: rule, layer: descriptor?.layer.rawValue ?? otherLayer, description: descriptor?.summary,
                findings: byRule[rule] ?? [])
        }
    }
}
