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
        return declaration.goodsItems.enumerated().compactMap { index, item in
            guard let unit = item.unit, !table.isUnit(unit) else { return nil }
            let field = "goodsItems[\(index)].unit"
            return FindingPlace.finding(
                "code.unit", "\(field) \(FindingPlace.quoted(unit)) is not a UN/ECE Rec 20 unit code in Schemas/codelists/rec20-units.csv (e.g. KGM kilogram, H87 piece, LTR litre)",
                in: declaration, item: item, field: field)
        }
    }
}
