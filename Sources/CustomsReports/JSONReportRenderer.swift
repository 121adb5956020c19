public import CustomsCore
import CustomsReconcile
import Foundation

/// The JSON form of a report, documented by `Schemas/report.schema.json`. Numbers are exact
/// decimals; absent values are omitted; every finding is listed (no pagination).
public struct JSONReportRenderer: Sendable {
    public init() {}

    public func json(_ report: DiscrepancyReport) -> JSONValue {
        .object([
            ("summary", summary(report.summary)),
            ("tolerances", tolerances(report.tolerances)),
            ("pairs", .array(report.pairs.map(pair))),
            ("unmatched", .array(report.unmatched.map(reference))),
            ("rules", .array(report.ruleGroups.map(group))),
            ("clearance", .array(report.clearance.map(clearance))),
        ])
    }

    private func summary(_ summary: ReportSummary) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("files", summary.files)
        object.add("declarations", summary.declarations)
        object.add("reconciledDeclarations", summary.reconciledDeclarations)
        object.add("pairs", summary.pairs)
        object.add("pairsWithDiscrepancies", summary.pairsWithDiscrepancies)
        object.add("unmatched", summary.unmatched)
        object.add("errors", summary.errors)
        object.add("warnings", summary.warnings)
        object.add("infos", summary.infos)
        object.add("layers", .array(summary.layers.map { layer in
            .object([
                ("layer", .string(layer.layer)), ("errors", number(layer.errors)),
                ("warnings", number(layer.warnings)), ("infos", number(layer.infos)),
            ])
        }))
        return object.value
    }

    private func tolerances(_ settings: ReconcileSettings) -> JSONValue {
        .object([
            ("mass", .number(ReportText.fraction(settings.massTolerance))),
            ("quantity", .number(ReportText.fraction(settings.quantityTolerance))),
            ("value", .number(ReportText.fraction(settings.valueAllowance))),
            ("packages", .number(ReportText.fraction(settings.packageTolerance))),
            ("unmatchedAfterDays", number(settings.unmatchedAfterDays)),
        ])
    }

    private func pair(_ pair: PairEntry) -> JSONValue {
        .object([
            ("export", reference(pair.export)),
            ("counterpart", reference(pair.counterpart)),
            ("matchedBy", .array(pair.matchedBy.map(JSONValue.string))),
            ("comparisons", .array(pair.differences.map(difference))),
            ("findings", .array(pair.findings.map(\.json))),
        ])
    }

    private func difference(_ difference: MirrorDifference) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("rule", difference.rule)
        object.add("measure", difference.measure)
        object.add("unit", difference.unit)
        object.add("export", value(difference.export))
        object.add("counterpart", value(difference.counterpart))
        object.add("relativeDifference", difference.relativeDifference.map { JSONValue.number(ReportText.fraction($0)) })
        object.add("tolerance", difference.tolerance.map { JSONValue.number(ReportText.fraction($0)) })
        object.add("field", difference.field)
        object.add("exceedsTolerance", JSONValue.bool(difference.exceedsTolerance))
        return object.value
    }

    private func value(_ value: MirrorDifference.Value) -> JSONValue {
        switch value {
        case let .number(number): .number(ExactDecimal.format(number))
        case let .text(text): .string(text)
        }
    }

    private func reference(_ reference: DeclarationReference) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("id", reference.id)
        object.add("key", reference.key)
        object.add("file", reference.file)
        object.add("line", reference.line)
        object.add("row", reference.row)
        object.add("direction", reference.direction)
        object.add("declaringCountry", reference.declaringCountry)
        object.add("borderCrossing", reference.borderCrossing)
        return object.value
    }

    private func group(_ group: RuleGroup) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("rule", group.rule)
        object.add("layer", group.layer)
        object.add("description", group.description)
        object.add("severity", group.severity.rawValue)
        object.add("count", group.findings.count)
        object.add("errors", group.count(.error))
        object.add("warnings", group.count(.warning))
        object.add("infos", group.count(.info))
        object.add("findings", .array(group.findings.map(\.json)))
        return object.value
    }

    private func clearance(_ series: ClearanceSeries) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("borderCrossing", series.borderCrossing)
        object.add("interval", series.interval)
        object.add("targetSeconds", number(series.targetSeconds))
        object.add("count", series.seconds.count)
        object.add("missing", series.missing)
        object.add("median", series.median.map(number))
        object.add("p90", series.p90.map(number))
        if !series.seconds.isEmpty {
            let fraction = Decimal(series.withinTargetCount) / Decimal(series.seconds.count)
            object.add("withinTarget", .number(ReportText.fraction(fraction)))
        }
        object.add("seconds", .array(series.seconds.map(number)))
        return object.value
    }

    private func number(_ value: some BinaryInteger) -> JSONValue { .number(String(value)) }
}
