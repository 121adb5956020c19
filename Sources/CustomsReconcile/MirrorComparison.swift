public import CustomsCore
public import Foundation

/// The mirror checks on one consignment group: the export side's totals against the other side's
/// (sums when the consignment is split), finding by finding (`SPEC.md` catalogue, `mirror.*`).
///
/// Every message names both values, their relative difference and the tolerance. A value that
/// one side does not declare is not compared (and not guessed).
public struct MirrorComparison: Sendable {
    public var settings: ReconcileSettings
    public var rates: ExchangeRates

    public init(settings: ReconcileSettings = ReconcileSettings(), rates: ExchangeRates = ExchangeRates()) {
        self.settings = settings
        self.rates = rates
    }

    /// The findings alone: what `validate` reports (no ``MirrorDifference`` is made).
    public func findings(exports: [Declaration], counterparts: [Declaration]) -> [Finding] {
        compare(exports: exports, counterparts: counterparts, recordingDifferences: false).findings
    }

    /// The findings and every comparison made (within tolerance or not), for reports.
    public func compare(exports: [Declaration], counterparts: [Declaration]) -> (findings: [Finding], differences: [MirrorDifference]) {
        compare(exports: exports, counterparts: counterparts, recordingDifferences: true)
    }

    /// The findings, and the comparisons made when `recordingDifferences` (else none).
    private func compare(
        exports: [Declaration], counterparts: [Declaration], recordingDifferences: Bool
    ) -> (findings: [Finding], differences: [MirrorDifference]) {
        var findings: [Finding] = []
        var differences: [MirrorDifference] = []
        let exportKey = exports.map(\.key).joined(separator: "+")
        let counterpartKey = counterparts.map(\.key).joined(separator: "+")
        func add(_ rule: String, _ message: String, field: String? = nil) {
            findings.append(Finding(rule: rule, message: message, field: field, declaration: exportKey, counterpart: counterpartKey))
        }
        // Autoclosures: what only a recorded comparison shows is not made otherwise.
        func record(_ rule: String, _ measure: @autoclosure () -> String, unit: String?, _ a: @autoclosure () -> MirrorDifference.Value,
                    _ b: @autoclosure () -> MirrorDifference.Value, difference: Decimal?, tolerance: Decimal?, field: String?, reported: Bool) {
            guard recordingDifferences else { return }
            differences.append(MirrorDifference(
                rule: rule, measure: measure(), unit: unit, export: a(), counterpart: b(), relativeDifference: difference,
                tolerance: tolerance, field: field, finding: reported ? findings.last : nil))
        }
        for (name, field, measure) in [("gross mass", "grossMassKg", Measure.grossMass), ("net mass", "netMassKg", Measure.netMass)] {
            if let a = Self.sum(exports, measure), let b = Self.sum(counterparts, measure) {
                let difference = RelativeDifference.of(a, b)
                if difference > settings.massTolerance {
                    add("mirror.mass", "\(name) \(ExactDecimal.format(a)) kg on the export side, \(ExactDecimal.format(b)) kg on the other: \(RelativeDifference.percent(difference)) apart, tolerance \(RelativeDifference.percent(settings.massTolerance))", field: "totals.\(field)")
                }
                record("mirror.mass", name, unit: "kg", .number(a), .number(b), difference: difference, tolerance: settings.massTolerance,
                       field: "totals.\(field)", reported: difference > settings.massTolerance)
            }
        }
        if let a = Self.sum(exports, .packages), let b = Self.sum(counterparts, .packages) {
            let difference = RelativeDifference.of(a, b)
            if difference > settings.packageTolerance {
                add("mirror.packages", "\(ExactDecimal.format(a)) packages on the export side, \(ExactDecimal.format(b)) on the other", field: "totals.packages")
            }
            record("mirror.packages", "packages", unit: nil, .number(a), .number(b), difference: difference, tolerance: settings.packageTolerance,
                   field: "totals.packages", reported: difference > settings.packageTolerance)
        }
        let exportContainers = Set(exports.flatMap(\.containers).map(MatchKeys.normalized))
        let otherContainers = Set(counterparts.flatMap(\.containers).map(MatchKeys.normalized))
        if recordingDifferences, !exportContainers.isEmpty, !otherContainers.isEmpty, exportContainers == otherContainers {
            let list = MirrorDifference.Value.text(exportContainers.sorted().joined(separator: " "))
            record("mirror.containers", "containers", unit: nil, list, list, difference: nil, tolerance: nil, field: "containers", reported: false)
        }
        if !exportContainers.isEmpty, !otherContainers.isEmpty, exportContainers != otherContainers {
            let onlyExport = exportContainers.subtracting(otherContainers).sorted()
            let onlyOther = otherContainers.subtracting(exportContainers).sorted()
            add("mirror.containers", "containers differ: only on the export side \(onlyExport.isEmpty ? "none" : onlyExport.joined(separator: ", ")); only on the other side \(onlyOther.isEmpty ? "none" : onlyOther.joined(separator: ", "))", field: "containers")
            record("mirror.containers", "containers", unit: nil, .text(exportContainers.sorted().joined(separator: " ")),
                   .text(otherContainers.sorted().joined(separator: " ")), difference: nil, tolerance: nil, field: "containers", reported: true)
        }
        let value = valueFindings(
            exports, counterparts, exportKey: exportKey, counterpartKey: counterpartKey, recordingDifferences: recordingDifferences)
        findings += value.findings
        differences += value.differences
        for line in GoodsLineAlignment.align(exports: exports, counterparts: counterparts) {
            switch line {
            case let .reclassified(exportLine, otherLine):
                add("mirror.hs", "goods classified \(exportLine.hsCode) on the export side (\(exportLine.label)) and \(otherLine.hsCode) on the other (\(otherLine.label)): HS subheadings must agree", field: "goodsItems[\(exportLine.index)].hsCode")
                record("mirror.hs", "HS subheading (\(exportLine.label) / \(otherLine.label))", unit: nil, .text(exportLine.hsCode), .text(otherLine.hsCode),
                       difference: nil, tolerance: nil, field: "goodsItems[\(exportLine.index)].hsCode", reported: true)
            case let .quantity(hsCode, unit, a, b):
                let difference = RelativeDifference.of(a, b)
                if difference > settings.quantityTolerance {
                    add("mirror.quantity", "HS \(hsCode): \(ExactDecimal.format(a)) \(unit) on the export side, \(ExactDecimal.format(b)) \(unit) on the other: \(RelativeDifference.percent(difference)) apart, tolerance \(RelativeDifference.percent(settings.quantityTolerance))")
                }
                record("mirror.quantity", "HS \(hsCode) quantity", unit: unit, .number(a), .number(b), difference: difference,
                       tolerance: settings.quantityTolerance, field: nil, reported: difference > settings.quantityTolerance)
            }
        }
        return (findings, differences)
    }

    private func valueFindings(
        _ exports: [Declaration], _ counterparts: [Declaration], exportKey: String, counterpartKey: String, recordingDifferences: Bool
    ) -> (findings: [Finding], differences: [MirrorDifference]) {
        guard let left = amounts(exports), let right = amounts(counterparts) else { return ([], []) }
        let currencies = Set((left + right).map(\.currency))
        var findings: [Finding] = []
        let a: Decimal
        let b: Decimal
        let currency: String
        if currencies.count == 1, let only = currencies.first {
            // One currency on both sides: no conversion needed.
            (a, b, currency) = (left.reduce(0) { $0 + $1.amount }, right.reduce(0) { $0 + $1.amount }, only)
        } else {
            var missing = Set<String>()
            func total(_ amounts: [Amount]) -> Decimal {
                amounts.reduce(0) { sum, item in
                    guard let date = item.date, let value = rates.convert(item.amount, from: item.currency, on: date) else {
                        missing.insert("\(item.currency)/\(rates.comparisonCurrency) rate for \(item.date ?? "an unknown lodgement date")")
                        return sum
                    }
                    return sum + value
                }
            }
            (a, b, currency) = (total(left), total(right), rates.comparisonCurrency)
            for what in missing.sorted() {
                findings.append(Finding(rule: "mirror.rate-missing", message: "no \(what): the values are not compared (--rates FILE)", field: "invoice.amount", declaration: exportKey, counterpart: counterpartKey))
            }
            guard missing.isEmpty else { return (findings, []) }
        }
        let difference = RelativeDifference.of(a, b)
        let beyond = difference > settings.valueAllowance
        if beyond {
            findings.append(Finding(rule: "mirror.value", message: "value \(ExactDecimal.format(rounded(a))) \(currency) on the export side, \(ExactDecimal.format(rounded(b))) \(currency) on the other: \(RelativeDifference.percent(difference)) apart, beyond the CIF/FOB allowance of \(RelativeDifference.percent(settings.valueAllowance))", field: "invoice.amount", declaration: exportKey, counterpart: counterpartKey))
        }
        guard recordingDifferences else { return (findings, []) }
        let compared = MirrorDifference(
            rule: "mirror.value", measure: "value", unit: currency, export: .number(rounded(a)), counterpart: .number(rounded(b)),
            relativeDifference: difference, tolerance: settings.valueAllowance, field: "invoice.amount", finding: beyond ? findings.last : nil)
        return (findings, [compared])
    }

    private func rounded(_ value: Decimal) -> Decimal {
        var value = value
        var result = Decimal()
        NSDecimalRound(&result, &value, 2, .plain)
        return result
    }

    private struct Amount {
        var amount: Decimal
        var currency: String
        var date: String?
    }

    /// One side's amounts: each declaration's invoice amount, or the sum of its goods-item values;
    /// `nil` when a declaration of the side declares neither.
    private func amounts(_ declarations: [Declaration]) -> [Amount]? {
        var amounts: [Amount] = []
        for declaration in declarations {
            if let invoice = declaration.invoice, let amount = invoice.amount, let currency = invoice.currency {
                amounts.append(Amount(amount: amount, currency: currency, date: declaration.lodgedOn))
            } else {
                let items = declaration.goodsItems
                guard !items.isEmpty, items.allSatisfy({ $0.value != nil && $0.currency != nil }) else { return nil }
                for item in items { amounts.append(Amount(amount: item.value!, currency: item.currency!, date: declaration.lodgedOn)) }
            }
        }
        return amounts.isEmpty ? nil : amounts
    }

    /// A total the mirror checks compare: on the declaration (`totals`), or summed over its goods items.
    enum Measure {
        case grossMass, netMass, packages

        func of(_ totals: Totals) -> Decimal? {
            switch self {
            case .grossMass: totals.grossMassKg
            case .netMass: totals.netMassKg
            case .packages: totals.packages
            }
        }

        func of(_ item: borrowing GoodsItem) -> Decimal? {
            switch self {
            case .grossMass: item.grossMassKg
            case .netMass: item.netMassKg
            case .packages: item.packages
            }
        }
    }

    /// The side's total of `measure`: each declaration's own, or the sum of its goods items' when
    /// all of them declare it; `nil` when a declaration has neither. Read in place, by index (a
    /// declaration or goods item copied retains each of its strings).
    static func sum(_ declarations: [Declaration], _ measure: Measure) -> Decimal? {
        var total: Decimal = 0
        for index in declarations.indices {
            if let totals = declarations[index].totals, let value = measure.of(totals) {
                total += value
                continue
            }
            var sum: Decimal = 0
            let complete = declarations[index].goodsItems.withUnsafeBufferPointer { items in
                guard !items.isEmpty else { return false }
                for position in items.indices {
                    guard let value = measure.of(items[position]) else { return false }
                    sum += value
                }
                return true
            }
            guard complete else { return nil }
            total += sum
        }
        return total
    }
}
