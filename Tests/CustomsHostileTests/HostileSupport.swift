import CustomsCore
import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

/// One pipeline for every hostile test: code lists loaded once.
enum Hostile {
    static let processor = FileProcessor(configuration: try! PipelineConfiguration.load())

    /// Text that only a leak of a local file would put in an output.
    static let leakMarkers = ["root:x:0", "/bin/bash", "/usr/sbin/nologin"]

    /// Processes `path` and checks what every hostile file must give: the expected rule at
    /// error severity, no declaration counted valid, no local file content anywhere.
    @discardableResult
    static func expect(_ path: String, rule: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> FileResult {
        let result = processor.process(path)
        let rules = result.findings.map(\.rule)
        #expect(rules.contains(rule), "\(URL(fileURLWithPath: path).lastPathComponent): expected \(rule), got \(rules)", sourceLocation: sourceLocation)
        #expect(result.findings.contains { $0.severity == .error }, sourceLocation: sourceLocation)
        let valid = result.validity()
        #expect(!result.declarations.contains(where: valid), "a hostile file gave a valid declaration", sourceLocation: sourceLocation)
        let text = result.findings.map(\.message).joined(separator: "\n") + String(describing: result.declarations)
        for marker in leakMarkers {
            #expect(!text.contains(marker), "local file content in the output", sourceLocation: sourceLocation)
        }
        #expect(result.findings.allSatisfy { !$0.message.isEmpty }, sourceLocation: sourceLocation)
        return result
    }

    static func fixture(_ name: String) -> String { TestPaths.fixture("hostile/\(name)") }
}
