public import CustomsCore

/// `code.unit`: each goods item's unit of quantity is a UN/ECE Recommendation 20 common code
/// (`Schemas/codelists/rec20-units.csv`: Rec 20 Revision 17, the units used on goods
/// declarations). National units (China 035, OKEI 166) were mapped by the adapters.
public struct UnitCodeRule: DeclarationRule {
    public let codes = ["code.unit"]
    public let layer = RuleLayer.codeLists
    public let source = "UN/ECE Recommendation 20, Revision 17 (Schemas/codelists/rec20-units.csv)"

    public init() {}

    public func check(_ declaration: Declaration, in context: RuleContext) -> [Finding] {
        let table = context.tables.shortCodes
        // Each item read where it lies (`items[index].unit`): not copied, its strings not retained.
        let items = declaration.goodsItems
        var findings: [Finding] = []
        for index in items.indices {
            guard let unit = items[index].unit, !table.isUnit(unit) else { continue }
            let field = "goodsItems[\(index)].unit"
            findings.append(FindingPlace.finding(
                "code.unit", "\(field) \(FindingPlace.quoted(unit)) is not a UN/ECE Rec 20 unit code in Schemas/codelists/rec20-units.csv (e.g. KGM kilogram, H87 piece, LTR litre)",
                in: declaration, item: items[index], field: field))
        }
        return findings
    }
}
