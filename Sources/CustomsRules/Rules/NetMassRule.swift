public import CustomsCore
import Foundation

/// `mass.net-exceeds-gross`: net mass (without packaging) cannot exceed gross mass, on the
/// header totals and on each goods item (WCO Data Model: NetNetWeightMeasure ≤ GrossMassMeasure).
public struct NetMassRule: DeclarationRule {
    public let codes = ["mass.net-exceeds-gross"]
    public let layer = RuleLayer.consistency
    public let source = "WCO Data Model: net mass excludes packaging, so it cannot exceed gross mass"

    public init() {}

    public func check(_ declaration: Declaration, in context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        if let net = declaration.totals?.netMassKg, let gross = declaration.totals?.grossMassKg, Self.exceeds(net, gross) {
            findings.append(FindingPlace.finding(
                "mass.net-exceeds-gross", message("totals", net: net, gross: gross), in: declaration, field: "totals.netMassKg"))
        }
        let items = declaration.goodsItems
        for index in items.indices {
            guard let net = items[index].netMassKg, let gross = items[index].grossMassKg, Self.exceeds(net, gross) else { continue }
            findings.append(FindingPlace.finding(
                "mass.net-exceeds-gross", message("goodsItems[\(index)]", net: net, gross: gross),
                in: declaration, item: items[index], field: "goodsItems[\(index)].netMassKg"))
        }
        return findings
    }

    /// `net > gross`, compared in ``SmallDecimal`` when both fit (exactly as `Decimal` would).
    static func exceeds(_ net: Decimal, _ gross: Decimal) -> Bool {
        if let a = SmallDecimal(net), let b = SmallDecimal(gross), let order = SmallDecimal.compare(a, b) { return order > 0 }
        return net > gross
    }

    private func message(_ path: String, net: Decimal, gross: Decimal) -> String {
        "\(path).netMassKg \(DecimalText.text(net)) exceeds \(path).grossMassKg \(DecimalText.text(gross)); net mass must not be greater than gross mass"
    }
}
