import ArgumentParser
import CustomsPipeline
import CustomsReconcile
import Foundation

/// Options of the mirror checks: exchange rates for comparing values in different currencies.
struct MirrorOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Exchange rates CSV date,currency,rate: units of the currency per one unit of the comparison currency (the one with rate 1; USD by default).",
        valueName: "FILE"))
    var rates: String?

    func exchangeRates() throws -> ExchangeRates {
        guard let rates else { return ExchangeRates() }
        guard FileManager.default.fileExists(atPath: rates) else { throw PipelineError("--rates \(rates): no such file") }
        guard let text = try? String(contentsOfFile: rates, encoding: .utf8) else {
            throw PipelineError("--rates \(rates): cannot read the file as UTF-8 text")
        }
        let (parsed, problems) = ExchangeRates.parse(text)
        if let first = problems.first {
            throw PipelineError("--rates \(rates): \(first)\(problems.count > 1 ? " (and \(problems.count - 1) more)" : "")")
        }
        return parsed
    }
}
