import CustomsCore
@testable import CustomsPipeline
import Testing

/// `validate --format json` writes each declaration's `{"id", "key", "valid"}` straight into its
/// output; the text is the pretty JSON of the same object.
@Suite struct DeclarationEntryJSONTests {
    @Test("the entry written directly is the pretty JSON object", arguments: [
        ("50401/120624/0004711", "50401/120624/0004711", true),
        ("NBBH20160308005", "NBBH20160308005#1", false),
        ("quote \" backslash \\ tab \t line\u{2028}", "a\u{1}b", true),
        ("Декларация №1", "Декларация №1", false),
    ])
    func sameAsPrettyJSON(id: String, key: String, valid: Bool) {
        var declaration = Declaration(sourceFormat: "csv", source: SourceLocation(file: "f.csv"))
        declaration.id = id
        declaration.key = key
        expectSame(declaration, valid: valid)
    }

    @Test("a declaration without a number has no id member")
    func noID() {
        var declaration = Declaration(sourceFormat: "cn-ceb", source: SourceLocation(file: "f.xml"))
        declaration.key = "3f2a9c01b7de#2"
        expectSame(declaration, valid: false)
        var direct = JSONText()
        BatchReport.appendDeclaration(DeclarationIdentity(declaration), valid: false, to: &direct)
        #expect(!direct.text.contains("\"id\""))
    }

    private func expectSame(_ declaration: Declaration, valid: Bool) {
        var direct = JSONText()
        BatchReport.appendDeclaration(DeclarationIdentity(declaration), valid: valid, to: &direct)
        var built = JSONText()
        BatchReport.declarationJSON(declaration, valid: valid).appendPretty(to: &built, indent: 4)
        #expect(direct.text == built.text)
    }
}
