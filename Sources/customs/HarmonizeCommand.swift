import ArgumentParser
import CustomsCore
import CustomsFormats
import CustomsPipeline
import Foundation

enum HarmonizeFormat: String, ExpressibleByArgument, CaseIterable {
    case json
    case xml
}

struct HarmonizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harmonize",
        abstract: "Print the shared cross-border declarations of one file.",
        discussion: """
            json: {"file", "format", "declarations": [...], "findings": [...]}. \
            xml: the shared schema's own XML (Schemas/cbd.xsd). Personal data stays unmasked only in asFiled.
            """
    )

    @Argument(help: ArgumentHelp("The declaration file.", valueName: "FILE"))
    var file: String

    @Option(help: "Output form: json or xml.")
    var format: HarmonizeFormat = .json

    @OptionGroup var reading: ReadingOptions

    func run() throws {
        let files = try FileDiscovery.files(in: [file])
        guard files.count == 1 else { throw PipelineError("harmonize reads one file; \(file) is a folder") }
        let configuration = try reading.configuration()
        let result = FileProcessor(configuration: configuration).process(files[0])
        let report = BatchReport(files: [result], maxFindings: reading.maxFindings)
        switch format {
        case .json:
            let renderer = DeclarationJSON(maskPersonalData: false)
            let json = JSONValue.object([
                ("file", .string(result.file)),
                ("format", result.format.map(JSONValue.string) ?? .null),
                ("declarations", .array(result.declarations.map(renderer.json))),
                ("findings", .array(report.files[0].findings.map(\.json))),
            ])
            print(json.serialized())
        case .xml:
            print(CBDXMLWriter(maskPersonalData: false).document(Array(result.declarations)), terminator: "")
            for finding in report.files[0].findings {
                FileHandle.standardError.write(Data((finding.textLine + "\n").utf8))
            }
        }
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}
