import CustomsCore
import CustomsRules
import Foundation
import Testing

/// The consistency rules decide the common, agreeing case in 128-bit integers and leave the rest
/// to `Decimal`: these cases sit exactly on the boundaries, and beyond what 64-bit mantissas hold,
/// where both ways must give the same answer.
@Suite struct ExactBoundaryTests {
    @Test func lineTotalExactlyAtTheRoundingAllowanceIsNoFinding() {
        // 4.1 × 2.5 = 10.25; allowed: 4.1 × 0.05 (price to 1 decimal) + 0.005 (value to 2) = 0.21.
        let atLimit = declaration { $0.goodsItems = [item { $0.quantity = decimal("4.1"); $0.unitPrice = decimal("2.5"); $0.value = decimal("10.46") }] }
        #expect(findings(LineTotalRule(), atLimit).isEmpty)
        let beyond = declaration { $0.goodsItems = [item { $0.quantity = decimal("4.1"); $0.unitPrice = decimal("2.5"); $0.value = decimal("10.47") }] }
        let found = findings(LineTotalRule(), beyond)
        #expect(found.map(\.field) == ["goodsItems[0].value"])
        #expect(found.first?.message.hasPrefix("goodsItems[0].value 10.47 differs from quantity 4.1 × unitPrice 2.5 = 10.25 by 0.22 (") == true)
    }

    @Test func lineTotalBeyondSixtyFourBitMantissasStillExact() {
        // 25 significant digits: the Decimal path decides, and the product is exact.
        let big = declaration {
            $0.goodsItems = [item { $0.quantity = decimal("3"); $0.unitPrice = decimal("1234567890123456789.123456"); $0.value = decimal("3703703670370370367.370368") }]
        }
        #expect(findings(LineTotalRule(), big).isEmpty)
        var off = big
        off.goodsItems[0].value = decimal("3703703670370370368")
        #expect(findings(LineTotalRule(), off).count == 1)
    }

    @Test func totalsExactlyAtTheToleranceIsNoFinding() {
        // 200 against 199: a relative difference of exactly 0.5%, the tolerance, is no finding.
        let exactly = declaration {
            $0.totals = Totals(grossMassKg: decimal("200"))
            $0.goodsItems = [item { $0.grossMassKg = decimal("199") }]
        }
        #expect(findings(TotalsRule(), exactly).isEmpty)
        let beyond = declaration {
            $0.totals = Totals(grossMassKg: decimal("200"))
            $0.goodsItems = [item { $0.grossMassKg = decimal("198.999") }]
        }
        let found = findings(TotalsRule(), beyond)
        #expect(found.map(\.field) == ["totals.grossMassKg"])
        #expect(found.first?.message == "totals.grossMassKg 200 differs from 198.999, the sum of the gross mass of the 1 goods item: relative difference 0.5005% exceeds the tolerance 0.5%")
    }

    @Test func negativeAndMixedScaleTotals() {
        let mixed = declaration {
            $0.totals = Totals(grossMassKg: decimal("-12.5"))
            $0.goodsItems = [item { $0.grossMassKg = decimal("-10") }, item { $0.grossMassKg = decimal("-2.500") }]
        }
        #expect(findings(TotalsRule(), mixed).isEmpty)
    }
}
