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
        /// The key of the item's declaration and the item's number (its sequence number, else
        /// its place from 1).
        var declarationKey: String
        var number: Int

        /// The item as findings name it: "KEY item N" (made only for a finding).
        var label: String { "\(declarationKey) item \(number)" }
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
            let rightTotals = totals(right.filter { $0.hsCode == code })
            // Units in order: a subheading declared in two units gives its comparisons in one order.
            for (unit, a) in totals(left.filter { $0.hsCode == code }).sorted(by: { $0.key < $1.key }) {
                if let b = rightTotals[unit] {
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
                restLeft.removeAll { $0.declarationKey == line.declarationKey && $0.number == line.number }
            }
        }
        for (a, b) in zip(restLeft, restRight) {
            outcomes.append(.reclassified(export: a, other: b))
        }
        return outcomes
    }

    /// The goods items with an HS subheading, in order, read in place (a copied declaration or
    /// goods item retains each of its strings).
    private static func lines(_ declarations: [Declaration]) -> [Line] {
        var lines: [Line] = []
        for index in declarations.indices {
            let key = declarations[index].key
            declarations[index].goodsItems.withUnsafeBufferPointer { items in
                for position in items.indices {
                    guard let code = items[position].hsCode else { continue }
                    lines.append(Line(
                        index: position, hsCode: code, quantity: items[position].quantity, unit: items[position].unit,
                        declarationKey: key, number: items[position].sequence ?? position + 1))
                }
            }
        }
        return lines
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
