public import CustomsCore
public import CustomsFormats
public import CustomsRules
public import CustomsTiming
public import CustomsXML
import Foundation

/// Everything the stages need, loaded once per command and shared read-only by the workers.
public struct PipelineConfiguration: Sendable {
    public var codeLists: CodeLists {
        didSet { ruleContext = RuleContext(codeLists: codeLists, tolerances: rules.tolerances) }
    }
    /// The `--schemas` folders, compiled; `nil` when none was given.
    public var schemas: XMLSchemaSet?
    public var registry: FormatRegistry
    /// `--encoding`: overrides what a file declares or what detection finds.
    public var encoding: String?
    public var limits: XMLLimits
    /// `--max-file-size`: a larger file is a `file.limit` finding, not read.
    public var maxFileSize: FileSizeLimit = .standard
    /// Worker threads for a batch (`--jobs`); at least 1.
    public var jobs: Int
    /// Calendars, release targets and crossing hours for the timing stage; `nil`: no timing.
    public var timing: TimingData?
    /// The code-list and consistency rules, and what the `--rules` file makes of them.
    public var ruleSet: RuleSet = .standard
    public var rules: RuleConfiguration = .standard {
        didSet { ruleContext.tolerances = rules.tolerances }
    }
    /// The code lists' lookup tables and the rules' tolerances, made once for the batch and
    /// kept in step with ``codeLists`` and ``rules``.
    public private(set) var ruleContext: RuleContext
    /// CSV reading: `--csv-delimiter`, `--locale`, header synonyms with `--mapping`; `encoding` as above.
    public var csv: CSVReadingOptions
    /// `true` (the default): a ``FileResult`` keeps each declaration whole. `false`: once the
    /// rules have run, only its ``CustomsCore/Declaration/crossFileForm``, which bounds the
    /// memory of a large batch — for commands that report on declarations without printing or
    /// storing them (`validate` without `--db`).
    public var retainsFullDeclarations = true
    /// Where a file of many declarations keeps them (encoded, read back on use) when
    /// ``retainsFullDeclarations`` is `false`: the batch's memory then stays bounded whatever
    /// its size (about 16 bytes per declaration in memory). `nil`: in memory.
    public var spill: DeclarationSpill?
    /// Whether every file's SHA-256 is computed as it is read (the store records it, and finds
    /// content received before by it). When `false` (`validate` without `--db`), a file read
    /// whole is not hashed as it is read, and its SHA-256 is computed only where it is needed:
    /// for the key of a declaration without a unique id, and for `file.duplicate`, when another
    /// file of the batch has the same size and read the same — the same declarations
    /// (``DeclarationList/identityHashes``) or, without any, the same fingerprint of its bytes
    /// (``FileResult/fingerprint``, the standard library's SipHash).
    public var hashesEveryFile = true
    /// Declarations a file keeps in memory before it moves them to ``spill``.
    public var spillThreshold = DeclarationList.spillThreshold

    public init(
        codeLists: CodeLists, schemas: XMLSchemaSet? = nil, registry: FormatRegistry = .standard,
        encoding: String? = nil, limits: XMLLimits = .standard, jobs: Int? = nil, timing: TimingData? = nil,
        csv: CSVReadingOptions = CSVReadingOptions()
    ) {
        self.codeLists = codeLists
        ruleContext = RuleContext(codeLists: codeLists, tolerances: RuleConfiguration.standard.tolerances)
        self.schemas = schemas
        self.registry = registry
        self.encoding = encoding
        self.limits = limits
        self.jobs = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        self.timing = timing
        self.csv = csv
        self.csv.encoding = encoding
    }

    /// Loads the code lists from `Schemas/` (``SchemaDirectory``) and compiles `schemaDirectories`.
    /// `rulesFile` (`--rules`) configures the rules; `csvDelimiter`, `locale` and `mappings` are
    /// the CSV options (`--csv-delimiter`, `--locale`, `--mapping`). A rules or mapping file that
    /// cannot be used is a ``PipelineError``.
    public static func load(
        schemaDirectories: [String] = [], encoding: String? = nil, jobs: Int? = nil, rulesFile: String? = nil,
        csvDelimiter: UInt8? = nil, locale: CSVNumberFormat? = nil, mappings: [String] = []
    ) throws -> PipelineConfiguration {
        guard let directory = SchemaDirectory.locate() else { throw PipelineError.schemasNotFound }
        // The code lists (most of the start-up) load on a thread of their own while the XSDs
        // compile and the timing data and synonyms load here; their error still comes first.
        let loading = Ahead { try CodeLists(directory: directory) }
        let schemas = schemaDirectories.isEmpty ? nil : XMLSchemaSet(directories: schemaDirectories)
        let timingData = Result { try TimingData(directory: directory) }
        let builtInSynonyms = Result { try CSVHeaderSynonyms.builtIn(schemas: directory) }
        let codeLists = try loading.value()
        let timing: TimingData
        do { timing = try timingData.get() } catch { throw PipelineError("timing data in \(directory.path): \(error)") }
        var synonyms = try builtInSynonyms.get()
        do {
            for mapping in mappings { try synonyms.addMapping(file: mapping) }
        } catch let error as CSVMappingError {
            throw PipelineError(error.description)
        }
        var configuration = PipelineConfiguration(
            codeLists: codeLists, schemas: schemas, encoding: encoding, jobs: jobs, timing: timing,
            csv: CSVReadingOptions(delimiter: csvDelimiter, numberFormat: locale, synonyms: synonyms))
        if let rulesFile {
            do { configuration.rules = try RuleConfigurationFile.load(rulesFile) } catch { throw PipelineError(error.description) }
        }
        return configuration
    }
}

extension PipelineConfiguration {
    /// An empty list for a file's declarations: spilling to ``spill`` when the batch keeps only
    /// cross-file forms, and then timing each declaration as it is appended (with ``timing``).
    func declarationList() -> DeclarationList {
        retainsFullDeclarations
            ? DeclarationList()
            : DeclarationList(spill: spill, threshold: spillThreshold, timing: timing.map(TimingStage.init(data:)))
    }
}

/// Why a command cannot do its job at all (exit status 2).
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    static let schemasNotFound = PipelineError(
        "cannot find the product's Schemas/ folder (code lists); set CUSTOMS_SCHEMAS to its path")
}
