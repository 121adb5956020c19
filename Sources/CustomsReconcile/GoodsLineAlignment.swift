import CustomsCore
import Foundation

/// Lines up the goods items of the two sides of a consignment to compare classification and
/// quantities.
///
/// Items with the same HS subheading on both sides are compared by quantity (summed per
/// subheading and unit). The items left over on each side — classified differently — are paired
/// when they have the same quantity in the same unit, else by their order; each such pair is a
/// reclassification.
enum GoodsLineAlignment {
    struct Line {
        var index: Int
        var hsCode: String
        var quantity: Decimal?
        var unit: String?
        var label: String
    }

    enum Outcome {
        case reclassified(export: Line, other: Line)
        case quantity(hsCode: String, unit: String, export: Decimal, other: Decimal)
    }

    static func align(exports: [Declaration], counterparts: [Declaration]) -> [Outcome] {
        let left = lines(exports)
        let right = lines(counterparts)
        guard !left.isEmpty, !right.isEmpty else { return [] }
        let leftCodes = Set(left.map(\.hsCode))
        let rightCodes = Set(right.map(\.hsCode))
        var outcomes: [Outcome] = []
        for code in leftCodes.intersection(rightCodes).sorted() {
            for (unit, a) in totals(left.filter { $0.hsCode == code }) {
                if let b = totals(right.filter { $0.hsCode == code })[unit] {
                    outcomes.append(.quantity(hsCode: code, unit: unit, export: a, other: b))
                }
            }
        }
        var restLeft = left.filter { !rightCodes.contains($0.hsCode) }
        var restRight = right.filter { !leftCodes.contains($0.hsCode) }
        // Same quantity in the same unit first.
        for line in restLeft {
            if let match = restRight.firstIndex(where: { $0.unit == line.unit && $0.quantity != nil && $0.quantity == line.quantity }) {
                outcomes.append(.reclassified(export: line, other: restRight[match]))
                restRight.remove(at: match)
                restLeft.removeAll { $0.label == line.label }
            }
        }
        for (a, b) in zip(restLeft, restRight) {
            outcomes.append(.reclassified(export: a, other: b))
        }
        return outcomes
    }

    private static func lines(_ declarations: [Declaration]) -> [Line] {
        declarations.flatMap { declaration in
            declaration.goodsItems.enumerated().compactMap { index, item -> Line? in
                guard let code = item.hsCode else { return nil }
                let label = "\(declaration.key) item \(item.sequence ?? index + 1)"
                return Line(index: index, hsCode: code, quantity: item.quantity, unit: item.unit, label: label)
            }
        }
    }

    private static func totals(_ lines: [Line]) -> [String: Decimal] {
        var result: [String: Decimal] = [:]
        for line in lines {
            guard let unit = line.unit, let quantity = line.quantity else { continue }
            result[unit, default: 0] += quantity
        }
        return result
    }
}
