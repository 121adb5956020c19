import CustomsCore
import CustomsRules
import CustomsTestSupport
import Foundation

/// Code lists of the package's own `Schemas/`, loaded once for every test of the suite.
let codeLists: CodeLists = try! CodeLists(directory: TestPaths.schemas)

/// A declaration as an adapter would hand it over: cbd-xml, starting at line 3, key `D1`.
func declaration(format: String = "cbd-xml", _ build: (inout Declaration) -> Void = { _ in }) -> Declaration {
    var declaration = Declaration(sourceFormat: format, source: SourceLocation(file: "test.xml", line: 3))
    declaration.key = "D1"
    build(&declaration)
    return declaration
}

/// A goods item at `line`.
func item(line: Int = 20, _ build: (inout GoodsItem) -> Void = { _ in }) -> GoodsItem {
    var item = GoodsItem()
    item.sourceLine = line
    build(&item)
    return item
}

func decimal(_ text: String) -> Decimal { ExactDecimal.parse(text)! }

/// The findings of one rule with the default configuration.
func findings(_ rule: some DeclarationRule, _ declaration: Declaration, tolerances: Tolerances = Tolerances()) -> [Finding] {
    rule.check(declaration, in: RuleContext(codeLists: codeLists, tolerances: tolerances))
}
