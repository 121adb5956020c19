import CustomsCore
import CustomsPipeline
import CustomsTestSupport
import Foundation

/// Runs the pipeline on one file, as `validate` and `harmonize` do.
func processChina(_ path: String) throws -> FileResult {
    FileProcessor(configuration: try PipelineConfiguration.load()).process(path)
}

/// `x` as an exact decimal, for comparisons with declared values.
func exact(_ text: String) -> Decimal {
    ExactDecimal.parse(text)!
}

/// The JSON printed by a command, as Foundation objects.
func jsonObject(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
}
