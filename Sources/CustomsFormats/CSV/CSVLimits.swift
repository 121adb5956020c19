/// Safety limits on one CSV file. Crossing one is a `csv.malformed` finding naming the row and
/// the limit, and the rest of the file is not read: never a crash, a hang or a silent truncation.
public struct CSVLimits: Sendable, Hashable {
    /// Longest field, in UTF-8 bytes (a quote that is never closed runs into this one).
    public var maxFieldBytes: Int
    /// Longest record (row), in UTF-8 bytes, quoted line breaks included.
    public var maxRecordBytes: Int
    /// Most fields in one record (a spreadsheet has at most 16,384 columns).
    public var maxFields: Int
    /// Most bytes of rows held to decide the number format before the first declaration is built.
    public var maxSampleBytes: Int

    public init(
        maxFieldBytes: Int = 4 << 20, maxRecordBytes: Int = 8 << 20, maxFields: Int = 16_384,
        maxSampleBytes: Int = 32 << 20
    ) {
        self.maxFieldBytes = maxFieldBytes
        self.maxRecordBytes = maxRecordBytes
        self.maxFields = maxFields
        self.maxSampleBytes = maxSampleBytes
    }

    /// The defaults: 4 MiB per field, 8 MiB per row, 16,384 fields per row, a 32 MiB sample.
    public static let standard = CSVLimits()
}

extension CSVLimits {
    /// A byte count as a person reads it: `4 MiB`, `512 KiB`, `100 bytes`.
    static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
