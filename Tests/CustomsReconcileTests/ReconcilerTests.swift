import CustomsCore
import CustomsReconcile
import Foundation
import Testing

/// Builds declarations of one rail consignment Urumqi → Almaty, to be bent by each test.
private func declaration(
    _ id: String, _ direction: Direction, country: String, lodgedOn: String, smgs: String? = "SMGS 31457802",
    gross: String, items: [(hs: String, quantity: String, unit: String)], containers: [String] = ["CSQU3054383"],
    amount: String = "48250", currency: String = "USD"
) -> Declaration {
    var declaration = Declaration(sourceFormat: "cbd-xml", source: SourceLocation(file: "\(id).xml", line: 1))
    declaration.id = id
    declaration.key = id
    declaration.direction = direction
    declaration.declaringCountry = country
    declaration.lodgedOn = lodgedOn
    if let smgs { declaration.transportDocuments = [TransportDocument(type: "SMGS", number: smgs)] }
    declaration.containers = containers
    declaration.totals = Totals(grossMassKg: Decimal(string: gross))
    declaration.invoice = Invoice(number: nil, currency: currency, amount: Decimal(string: amount))
    declaration.goodsItems = items.enumerated().map { index, item in
        var goods = GoodsItem()
        goods.sequence = index + 1
        goods.hsCode = item.hs
        goods.quantity = Decimal(string: item.quantity)
        goods.unit = item.unit
        return goods
    }
    return declaration
}

@Suite struct ReconcilerTests {
    let export = declaration("CN-EX-1", .export, country: "CN", lodgedOn: "2025-03-14", gross: "18240.5",
                             items: [("843149", "24", "H87"), ("840991", "5600", "KGM")])

    @Test func aMatchingPairWithinTolerancesHasNoFindings() {
        let other = declaration("KZ-IM-1", .import, country: "KZ", lodgedOn: "2025-03-17", smgs: "31457802", gross: "18300",
                                items: [("843149", "24", "H87"), ("840991", "5600", "KGM")])
        let result = Reconciler().reconcile([export, other])
        #expect(result.pairs.count == 1)
        #expect(result.pairs[0].matchedBy == ["transport-document", "container"])
        #expect(result.mirrorFindings.isEmpty)
    }

    @Test func eightPercentMassAndOneReclassifiedLineAreFound() throws {
        let other = declaration("KZ-IM-1", .import, country: "KZ", lodgedOn: "2025-03-17", gross: "19700",
                                items: [("843149", "24", "H87"), ("840999", "5600", "KGM")])
        let findings = Reconciler().reconcile([export, other]).mirrorFindings
        #expect(findings.map(\.rule).sorted() == ["mirror.hs", "mirror.mass"])
        let mass = try #require(findings.first { $0.rule == "mirror.mass" })
        #expect(mass.message.contains("18240.5 kg on the export side, 19700 kg on the other"))
        #expect(mass.message.contains("7.4% apart, tolerance 2%"))
        #expect(mass.declaration == "CN-EX-1")
        #expect(mass.counterpart == "KZ-IM-1")
        let hs = try #require(findings.first { $0.rule == "mirror.hs" })
        #expect(hs.message.contains("classified 840991 on the export side"))
        #expect(hs.message.contains("840999 on the other"))
    }

    @Test func theFindingsOnlyPathGivesTheSameFindingsOnceForASplitConsignment() {
        // Two partial imports whose sum is 8% heavier: one group, two pairs, one mirror.mass.
        let first = declaration("KZ-IM-1", .import, country: "KZ", lodgedOn: "2025-03-17", gross: "13700",
                                items: [("843149", "24", "H87")], amount: "34800")
        let second = declaration("KZ-IM-2", .import, country: "KZ", lodgedOn: "2025-03-18", gross: "6000",
                                 items: [("840991", "5600", "KGM")], amount: "13450")
        let full = Reconciler().reconcile([export, first, second])
        #expect(full.pairs.count == 2)
        let findings = Reconciler().mirrorFindings([export, first, second])
        #expect(findings == full.mirrorFindings)
        #expect(findings.map(\.rule) == ["mirror.mass"])
        #expect(findings.first?.counterpart == "KZ-IM-1+KZ-IM-2")
    }

    /// One subheading declared in two units on both sides: its quantities are compared unit by
    /// unit, in the units' order, the same in every run (they came in the hash order of a dictionary).
    @Test func aSubheadingInTwoUnitsIsComparedUnitByUnitInOrder() {
        let exports = declaration("CN-EX-2", .export, country: "CN", lodgedOn: "2025-03-14", gross: "18240.5",
                                  items: [("843149", "24", "H87"), ("843149", "5600", "KGM"), ("843149", "10", "SET")])
        let other = declaration("KZ-IM-2", .import, country: "KZ", lodgedOn: "2025-03-17", gross: "18240.5",
                                items: [("843149", "30", "H87"), ("843149", "7000", "KGM"), ("843149", "20", "SET")])
        let result = Reconciler().reconcile([exports, other])
        #expect(result.mirrorFindings.map(\.message) == [
            "HS 843149: 24 H87 on the export side, 30 H87 on the other: 20% apart, tolerance 2%",
            "HS 843149: 5600 KGM on the export side, 7000 KGM on the other: 20% apart, tolerance 2%",
            "HS 843149: 10 SET on the export side, 20 SET on the other: 50% apart, tolerance 2%",
        ])
        #expect(result.pairs.first?.differences.filter { $0.rule == "mirror.quantity" }.map(\.unit) == ["H87", "KGM", "SET"])
        #expect(Reconciler().mirrorFindings([exports, other]) == result.mirrorFindings)
    }

    @Test func aSplitConsignmentIsComparedOnTheSum() {
        let first = declaration("KZ-IM-1", .import, country: "KZ", lodgedOn: "2025-03-17", gross: "12240.5",
                                items: [("843149", "24", "H87")], amount: "34800")
        let second = declaration("KZ-IM-2", .import, country: "KZ", lodgedOn: "2025-03-18", gross: "6000",
                                 items: [("840991", "5600", "KGM")], amount: "13450")
        let result = Reconciler().reconcile([export, first, second])
        #expect(result.pairs.count == 2)
        #expect(Set(result.pairs.map(\.counterpart.key)) == ["KZ-IM-1", "KZ-IM-2"])
        #expect(result.mirrorFindings.isEmpty)
    }

    @Test func valuesInDifferentCurrenciesNeedARateForTheDay() throws {
        let other = declaration("KZ-IM-1", .import, country: "KZ", lodgedOn: "2025-03-17", gross: "18240.5",
                                items: [("843149", "24", "H87"), ("840991", "5600", "KGM")], amount: "24000000", currency: "KZT")
        let missing = Reconciler().reconcile([export, other]).mirrorFindings
        #expect(missing.map(\.rule) == ["mirror.rate-missing"])
        #expect(missing[0].message.contains("no KZT/USD rate for 2025-03-17"))
        let (rates, problems) = ExchangeRates.parse("date,currency,rate\n2025-03-17,KZT,500\n2025-03-17,USD,1\n")
        #expect(problems.isEmpty)
        let findings = Reconciler(rates: rates).reconcile([export, other]).mirrorFindings
        // 24,000,000 KZT / 500 = 48,000 USD against 48,250 USD: within the 10% allowance.
        #expect(findings.isEmpty)
    }

    @Test func anExportAloneForTwoWeeksIsUnmatched() throws {
        let later = declaration("KZ-IM-9", .import, country: "KZ", lodgedOn: "2025-04-01", smgs: "99999999", gross: "1",
                                items: [], containers: [])
        let result = Reconciler().reconcile([export, later])
        #expect(result.pairs.isEmpty)
        let finding = try #require(result.unmatchedFindings.first)
        #expect(finding.rule == "mirror.unmatched")
        #expect(finding.message.contains("18 days later"))
    }

    @Test func aContainerReusedMonthsLaterDoesNotMatch() {
        let months = declaration("KZ-IM-5", .import, country: "KZ", lodgedOn: "2025-09-01", smgs: nil, gross: "18240.5",
                                 items: [("843149", "24", "H87")])
        #expect(Reconciler().reconcile([export, months]).pairs.isEmpty)
    }
}

@Suite struct SharedContainerTests {
    @Test func aContainerOnEveryConsignmentOfALineMatchesNothingByItself() {
        var declarations: [Declaration] = []
        for index in 0..<40 {
            for (direction, country) in [(Direction.export, "CN"), (.import, "KZ")] {
                var declaration = Declaration(sourceFormat: "cbd-xml", source: SourceLocation(file: "line.xml"))
                declaration.id = "\(country)-\(index)"
                declaration.key = declaration.id!
                declaration.direction = direction
                declaration.declaringCountry = country
                declaration.lodgedOn = "2025-03-10"
                declaration.containers = ["TCLU7654320"]
                declarations.append(declaration)
            }
        }
        let result = Reconciler().reconcile(declarations)
        #expect(result.pairs.isEmpty)
        #expect(result.unmatched.count == 40)
    }
}
