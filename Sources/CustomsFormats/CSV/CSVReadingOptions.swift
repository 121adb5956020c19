/// The CSV options of a run (`--csv-delimiter`, `--encoding`, `--locale`, `--mapping`).
public struct CSVReadingOptions: Sendable {
    /// `--csv-delimiter`: the field delimiter byte; `nil` detects it per file.
    public var delimiter: UInt8?
    /// `--encoding`: overrides detection.
    public var encoding: String?
    /// `--locale`: the number format of every file; `nil` detects it per file.
    public var numberFormat: CSVNumberFormat?
    /// Header synonyms: built-in ones plus `--mapping` files.
    public var synonyms: CSVHeaderSynonyms
    /// Field, row and field-count limits; crossing one is `csv.malformed`.
    public var limits: CSVLimits

    public init(
        delimiter: UInt8? = nil, encoding: String? = nil, numberFormat: CSVNumberFormat? = nil,
        synonyms: CSVHeaderSynonyms = CSVHeaderSynonyms(), limits: CSVLimits = .standard
    ) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.numberFormat = numberFormat
        self.synonyms = synonyms
        self.limits = limits
    }
}
