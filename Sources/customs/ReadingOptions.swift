import ArgumentParser
import CustomsCore
import CustomsFormats
import CustomsPipeline
import Foundation

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

    @Option(name: .customLong("csv-delimiter"), help: ArgumentHelp(
        "CSV field delimiter: , ; | or tab (default: detected from the header and first rows of each file).", valueName: "C"))
    var csvDelimiter: String?

    @Option(name: .customLong("mapping"), help: ArgumentHelp(
        "A CSV header mapping file (repeatable): rows field,synonym naming a plain-layout column (id, gross_mass_kg, ...) for a header; adds to and overrides the built-in synonyms.",
        valueName: "FILE"))
    var mappings: [String] = []

    @Option(help: ArgumentHelp(
        "Number format of CSV files: a language (ru, kk, de: decimal comma; en, zh: decimal point) or comma/point (default: detected once per file from its rows).",
        valueName: "LOCALE"))
    var locale: String?

    // `.unconditional`: `--max-findings -1` reaches the check below ("must be 0 or more")
    // instead of being taken for an option and reported as a missing value.
    @Option(parsing: .unconditional, help: ArgumentHelp("List at most N findings per file; a findings.capped finding says where the cap cut.", valueName: "N"))
    var maxFindings: Int?

    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "A rules configuration (JSON): enable or disable rules by code or layer, override severities, set tolerances. Default: as documented in Schemas/rules-default.json.",
        valueName: "FILE"))
    var rulesFile: String?

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp(
        "Largest file read, in bytes or with a K, M or G suffix (default: 4G); a larger file is a file.limit finding.",
        valueName: "SIZE"))
    var maxFileSize: String?

    @Option(help: ArgumentHelp("Worker threads for a batch (default: the number of cores).", valueName: "N"))
    var jobs: Int?

    func validate() throws {
        if let maxFindings, maxFindings < 0 { throw ValidationError("--max-findings must be 0 or more") }
        if let encoding, !Self.isKnownEncoding(encoding) {
            throw ValidationError("--encoding \(encoding): not an encoding known on this machine; for example windows-1251, GB18030, UTF-8, UTF-16")
        }
        if let maxFileSize, FileSizeLimit.parse(maxFileSize) == nil {
            throw ValidationError("--max-file-size \(maxFileSize): expected a positive size such as 1048576, 100K, 512M or 2G")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        if let csvDelimiter, CSVDialect.delimiter(named: csvDelimiter) == nil {
            throw ValidationError("--csv-delimiter must be one of , ; | tab")
        }
        if let locale, CSVNumberFormat.named(locale) == nil {
            throw ValidationError("--locale \(locale): expected a language such as ru, kk, en, zh, or comma/point")
        }
        for mapping in mappings where !FileManager.default.isReadableFile(atPath: mapping) {
            throw ValidationError("--mapping \(mapping): no such readable file")
        }
        for directory in schemaDirectories where !FileDiscovery.isDirectory(directory) {
            throw ValidationError("--schemas \(directory): no such folder")
        }
    }

    func configuration() throws -> PipelineConfiguration {
        try announced(loaded())
    }

    /// ``configuration()`` loading on a thread of its own while the command does other work
    /// (lists its files); ``configuration(from:)`` waits for it.
    func loadingConfiguration() -> Ahead<PipelineConfiguration> {
        let options = self
        return Ahead { try options.loaded() }
    }

    /// The configuration `loading` loaded, its warnings said here (on the command's thread, in
    /// the order they had when it was loaded there).
    func configuration(from loading: Ahead<PipelineConfiguration>) throws -> PipelineConfiguration {
        try announced(loading.value())
    }

    private func loaded() throws -> PipelineConfiguration {
        var configuration = try PipelineConfiguration.load(
            schemaDirectories: schemaDirectories, encoding: encoding, jobs: jobs, rulesFile: rulesFile,
            csvDelimiter: csvDelimiter.flatMap(CSVDialect.delimiter(named:)), locale: locale.flatMap(CSVNumberFormat.named),
            mappings: mappings)
        if let limit = maxFileSize.flatMap(FileSizeLimit.parse) { configuration.maxFileSize = limit }
        return configuration
    }

    /// Says which XSDs do not compile.
    private func announced(_ configuration: PipelineConfiguration) -> PipelineConfiguration {
        if let schemas = configuration.schemas {
            for failure in schemas.failures {
                Diagnostics.warn("\(failure.path): the XSD does not compile and is not used: \(failure.summary)")
            }
        }
        return configuration
    }

    /// Whether iconv (which libxml2 and the CSV reader use) can convert from `name`.
    static func isKnownEncoding(_ name: String) -> Bool {
        let converter = iconv_open("UTF-8", name)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return false }
        iconv_close(converter)
        return true
    }
}
