import CustomsCore
import CustomsPipeline
import CustomsTestSupport
import Foundation

/// Runs the pipeline on one file, as `harmonize` does, with the product's code lists.
func harmonized(_ path: String) throws -> FileResult {
    FileProcessor(configuration: try PipelineConfiguration.load()).process(path)
}

extension FileResult {
    func rules(_ rule: String) -> [Finding] { findings.filter { $0.rule == rule } }
}

/// Parses the JSON a `customs ... --format json` command printed.
func jsonObject(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
}

func decimal(_ text: String) -> Decimal { ExactDecimal.parse(text)! }

extension FileResult {
    /// Findings at warning or error severity: what a file without defects must not have
    /// (notes such as `code.hs-edition` for a file without a lodgement date are infos).
    var problems: [Finding] { findings.filter { $0.severity > .info } }
}
