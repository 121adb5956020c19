import CustomsCore
import CustomsFormats
import CustomsPipeline
import CustomsTestSupport
import Foundation

/// Reads CSV fixtures through the pipeline as `customs` does, with the project's `Schemas/`.
enum CSVFixture {
    static let codeLists: CodeLists = try! CodeLists(directory: TestPaths.schemas)
    static let synonyms: CSVHeaderSynonyms = try! CSVHeaderSynonyms.builtIn(schemas: TestPaths.schemas)

    static func path(_ name: String) -> String { TestPaths.fixture("csv/" + name) }

    static func process(
        _ name: String, encoding: String? = nil, delimiter: UInt8? = nil, locale: CSVNumberFormat? = nil,
        synonyms: CSVHeaderSynonyms = CSVFixture.synonyms
    ) -> FileResult {
        let configuration = PipelineConfiguration(
            codeLists: codeLists, encoding: encoding, jobs: 1,
            csv: CSVReadingOptions(delimiter: delimiter, numberFormat: locale, synonyms: synonyms))
        return FileProcessor(configuration: configuration).process(path(name))
    }
}

extension FileResult {
    func findings(_ rule: String) -> [Finding] { findings.filter { $0.rule == rule } }
}

extension Decimal {
    init(_ text: String) { self = ExactDecimal.parse(text)! }
}
