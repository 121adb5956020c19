import ArgumentParser
import CustomsPipeline

/// Output forms of the commands that read declarations.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// The options shared by every command that reads declarations (`SPEC.md`, "Command line").
struct ReadingOptions: ParsableArguments {
    @Option(name: .customLong("schemas"), help: ArgumentHelp(
        "A folder of XSDs (repeatable): each is compiled once and validates the documents whose root element it declares.",
        valueName: "DIR"))
    var schemaDirectories: [String] = []

    @Option(help: ArgumentHelp("Read every file in this character encoding (e.g. windows-1251, GB18030), overriding detection.", valueName: "NAME"))
    var encoding: String?

    @Option(help: ArgumentHelp("List at most N findings per file; a findings.capped finding says where the cap cut.", valueName: "N"))
    var maxFindings: Int?

    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "A rules configuration (JSON): enable or disable rules by code or layer, override severities, set tolerances. Default: as documented in Schemas/rules-default.json.",
        valueName: "FILE"))
    var rulesFile: String?

    @Option(help: ArgumentHelp("Worker threads for a batch (default: the number of cores).", valueName: "N"))
    var jobs: Int?

    func validate() throws {
        if let maxFindings, maxFindings < 0 { throw ValidationError("--max-findings must be 0 or more") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        for directory in schemaDirectories where !FileDiscovery.isDirectory(directory) {
            throw ValidationError("--schemas \(directory): no such folder")
        }
    }

    func configuration() throws -> PipelineConfiguration {
        let configuration = try PipelineConfiguration.load(schemaDirectories: schemaDirectories, encoding: encoding, jobs: jobs, rulesFile: rulesFile)
        if let schemas = configuration.schemas {
            for failure in schemas.failures {
                Diagnostics.warn("\(failure.path): the XSD does not compile and is not used: \(failure.summary)")
            }
        }
        return configuration
    }
}
