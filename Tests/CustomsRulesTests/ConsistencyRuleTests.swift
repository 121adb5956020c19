import CustomsCore
@testable import CustomsRules
import Foundation
import Testing

@Suite struct ConsistencyRuleTests {
    @Test func netMassMustNotExceedGross() {
        let bad = declaration {
            $0.totals = Totals(grossMassKg: decimal("100"), netMassKg: decimal("100.5"))
            $0.goodsItems = [item(line: 44) { $0.grossMassKg = decimal("10"); $0.netMassKg = decimal("12") }]
        }
        let found = findings(NetMassRule(), bad)
        #expect(found.map(\.field) == ["totals.netMassKg", "goodsItems[0].netMassKg"])
        #expect(found[0].message == "totals.netMassKg 100.5 exceeds totals.grossMassKg 100; net mass must not be greater than gross mass")
        #expect(found[1].line == 44)
        let good = declaration {
            $0.totals = Totals(grossMassKg: decimal("100"), netMassKg: decimal("100"))
            $0.goodsItems = [item { $0.grossMassKg = decimal("10"); $0.netMassKg = decimal("9.5") }]
        }
        #expect(findings(NetMassRule(), good).isEmpty)
    }

    func shipment(gross: String, packages: String = "3", count: Int = 2, amount: String = "300") -> Declaration {
        declaration {
            $0.totals = Totals(grossMassKg: decimal(gross), netMassKg: decimal("90"), packages: decimal(packages), goodsItemCount: count)
            $0.invoice = Invoice(currency: "USD", amount: decimal(amount))
            $0.goodsItems = [
                item { $0.grossMassKg = decimal("60"); $0.netMassKg = decimal("55"); $0.packages = 2; $0.value = 100; $0.currency = "USD" },
                item { $0.grossMassKg = decimal("40"); $0.netMassKg = decimal("35"); $0.packages = 1; $0.value = 200; $0.currency = "USD" },
            ]
        }
    }

    @Test func totalsWithinTolerancePass() {
        #expect(findings(TotalsRule(), shipment(gross: "100.4")).isEmpty)
    }

    @Test func totalsBeyondToleranceFail() {
        let found = findings(TotalsRule(), shipment(gross: "60000.204", packages: "4", count: 3, amount: "310"))
        #expect(found.map(\.field) == ["totals.grossMassKg", "totals.packages", "totals.goodsItemCount", "invoice.amount"])
        #expect(found[0].message == "totals.grossMassKg 60000.204 differs from 100, the sum of the gross mass of the 2 goods items: relative difference 99.8333% exceeds the tolerance 0.5%")
        #expect(found[1].message.contains("they must match exactly"))
        #expect(found[2].message == "totals.goodsItemCount 3 differs from the 2 goods items declared (counts must match exactly)")
    }

    @Test func toleranceIsConfigurable() {
        let loose = Tolerances(mass: decimal("0.999"))
        #expect(findings(TotalsRule(), shipment(gross: "60000.204"), tolerances: loose).isEmpty)
    }

    @Test func itemsLackingAValueAreCountedInTheMessage() {
        var partial = shipment(gross: "50")
        partial.goodsItems[1].grossMassKg = nil
        let found = findings(TotalsRule(), partial)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("(1 of 2 lack it)") == true)
        // The items that carry it stay below the header: nothing can be said.
        var below = shipment(gross: "100")
        below.goodsItems[1].grossMassKg = nil
        #expect(findings(TotalsRule(), below).isEmpty)
    }

    @Test func lineTotalMismatch() {
        let bad = declaration { $0.goodsItems = [item(line: 77) { $0.quantity = 3; $0.unitPrice = decimal("12.5"); $0.value = 40 }] }
        let found = findings(LineTotalRule(), bad)
        #expect(found.count == 1)
        #expect(found.first?.field == "goodsItems[0].value")
        #expect(found.first?.line == 77)
        #expect(found.first?.message.hasPrefix("goodsItems[0].value 40 differs from quantity 3 × unitPrice 12.5 = 37.5 by 2.5 (") == true)
    }

    @Test func lineTotalToleratesRoundingOfTheUnitPrice() {
        // 100 / 3 = 33.333… filed with 3 decimals: 3 × 33.333 = 99.999 against 100.
        let rounded = declaration { $0.goodsItems = [item { $0.quantity = 3; $0.unitPrice = decimal("33.333"); $0.value = 100 }] }
        #expect(findings(LineTotalRule(), rounded).isEmpty)
        // The same price rounded to 2 decimals still fits: 3 × 33.33 = 99.99, within 3 × 0.005.
        let coarse = declaration { $0.goodsItems = [item { $0.quantity = 3; $0.unitPrice = decimal("33.33"); $0.value = 100 }] }
        #expect(findings(LineTotalRule(), coarse).isEmpty)
    }

    @Test func lineTotalComparesInTheNationalUnitAsFiled() {
        // China unit 043 (百个, hundreds of pieces): 5 filed → 500 H87; the price is per hundred.
        let hundreds = declaration(format: "cn-dec") {
            $0.goodsItems = [item {
                $0.quantity = 500; $0.unit = "H87"; $0.unitPrice = 20; $0.value = 100
                $0.asFiled = AsFiled([("GUnit", "043"), ("GQty", "5")])
            }]
        }
        #expect(findings(LineTotalRule(), hundreds).isEmpty)
        var wrong = hundreds
        wrong.goodsItems[0].value = 120
        let found = findings(LineTotalRule(), wrong)
        #expect(found.first?.message.contains("quantity 5 (as filed; 500 H87) × unitPrice 20 = 100") == true)
    }

    /// The unit the quantity was filed in comes before a legal unit, whatever their filing order.
    @Test func lineTotalTakesTheFiledUnitBeforeALegalUnit() {
        let hundreds = declaration(format: "cn-dec") {
            $0.goodsItems = [item {
                $0.quantity = 500; $0.unit = "H87"; $0.unitPrice = 20; $0.value = 100
                // FirstUnit 007 (个, pieces) is H87 × 1: read first, it would compare 500 × 20.
                $0.asFiled = AsFiled([("FirstUnit", "007"), ("GUnitPrice", "043"), ("GUnit", "043"), ("GQty", "5")])
            }]
        }
        #expect(findings(LineTotalRule(), hundreds).isEmpty)
    }

    @Test("an asFiled name names a unit when it holds unit, not price, in any case", arguments: [
        ("GUnit", true), ("unit", true), ("UNIT1", true), ("FirstUnit", true), ("GUnitPrice", false), ("unitPRICE", false),
        ("GQty", false), ("uni", false), ("", false), ("Единица unit", true), ("ЕдиницаUnitPrice", false), ("Единица", false),
    ])
    func namesAUnit(name: String, names: Bool) {
        #expect(LineTotalRule.namesAUnit(name) == names)
    }
}
