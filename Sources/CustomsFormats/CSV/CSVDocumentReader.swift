public import CustomsCore

/// What reading a CSV file found out about it, besides its declarations.
public struct CSVReadOutcome: Sendable {
    /// `false` when the text is not CSV the product reads (`format.unknown` is in `findings`).
    public var recognized = true
    /// `declarations` or `events`.
    public var layout: String?
    public var encoding: CSVEncoding?
    public var delimiter: UInt8?
    public var numberFormat: CSVNumberFormat?
    /// Findings about the file rather than one declaration (`csv.malformed`, `encoding.*`, `csv.header`).
    public var findings: [Finding] = []
}

/// Reads a CSV file of declarations or events, streaming: encoding → records → header mapping
/// → number format (from a sample of rows) → declarations, handed to `onDeclaration` one at a
/// time as soon as their last row is read.
///
/// Memory is bounded by the largest declaration (its rows are consecutive, `SPEC.md`) plus the
/// sample of the first rows, not by the file. Findings: `encoding.unsupported`,
/// `encoding.invalid`, `csv.malformed` (field count, unclosed quote, text after a closing quote,
/// an id that comes back after another declaration), `csv.header` (no `id` column: the file is
/// read as one declaration), and the field and code findings of each declaration.
public struct CSVDocumentReader: Sendable {
    public var path: String
    public var prefix: [UInt8]
    public var options: CSVReadingOptions
    public var codeLists: CodeLists
    /// Whether the records are read on a thread of their own, ahead of their assembly into
    /// declarations (``CSVRecordReadAhead``): for a large file, when another core is free. The
    /// declarations, the findings and their order are the same either way.
    public var readsAhead = false

    /// Rows read before the number format is decided.
    static let sampleRows = 1000

    public init(path: String, prefix: [UInt8], options: CSVReadingOptions, codeLists: CodeLists) {
        self.path = path
        self.prefix = prefix
        self.options = options
        self.codeLists = codeLists
    }

    /// Each declaration is handed over to `onDeclaration`, which owns it from then on (no copy
    /// is made to hand it on).
    public func read(onDeclaration: (consuming DeclarationDraft) -> Void) -> CSVReadOutcome {
        var outcome = CSVReadOutcome()
        func fileFinding(_ rule: String, _ message: String, row: Int? = nil, column: String? = nil) {
            outcome.findings.append(Finding(rule: rule, message: message, file: path, column: column.map(FindingColumn.name), row: row))
        }
        let detected = options.encoding.map { CSVEncodingDetector.named($0, prefix: prefix) } ?? CSVEncodingDetector.detect(prefix)
        guard case let .decided(encoding) = detected else {
            if case let .undecided(hint) = detected { fileFinding("encoding.unsupported", hint) }
            return outcome
        }
        outcome.encoding = encoding
        let text: [UInt8]
        if encoding.isUTF8 {
            text = Array(prefix.dropFirst(encoding.bomLength))
        } else {
            guard let decoded = IconvConverter.decode(prefix.dropFirst(encoding.bomLength), from: encoding.name) else {
                fileFinding("encoding.invalid", "the first bytes are not valid \(encoding.name)")
                return outcome
            }
            text = Array(decoded.utf8)
        }
        guard let delimiter = options.delimiter ?? CSVDialect.detect(text[...]) ?? singleColumnDelimiter(text) else {
            outcome.recognized = false
            fileFinding("format.unknown", "the file is text but not XML, and no CSV delimiter (, ; tab |) splits its first line into columns")
            return outcome
        }
        outcome.delimiter = delimiter
        let source: CSVByteSource
        do {
            source = try CSVByteSource(path: path, encoding: encoding.isUTF8 ? nil : encoding.name, skip: encoding.bomLength)
        } catch {
            fileFinding("file.unreadable", "cannot read the file: \(error)")
            return outcome
        }
        var reader = CSVRecordReader(source: source, delimiter: delimiter, limits: options.limits)
        var pending: [CSVRecord] = []
        var grouping: CSVGrouping?
        /// Hands on what was read before a structural error stopped the reading.
        func flush() {
            guard var rest = grouping else { return }
            rest.finish()
            for draft in rest.ready { onDeclaration(draft) }
            grouping = nil
        }
        do {
            guard let header = try reader.next() else {
                fileFinding("file.empty", "the file holds no CSV header")
                return outcome
            }
            if let invalid = header.invalidField {
                fileFinding("encoding.invalid", "header \(invalid + 1) is not valid \(encoding.name)", row: header.row)
                return outcome
            }
            let columns = CSVColumns(headers: header.fields.map { $0.csvTrimmed }, synonyms: options.synonyms)
            guard columns.fields.contains(where: { $0 != nil }) else {
                outcome.recognized = false
                fileFinding("format.unknown", "the file is text but no CSV layout is recognized: none of its headers (\(columns.headers.prefix(5).joined(separator: ", "))) is a known column; a --mapping file can name them")
                return outcome
            }
            // A table with no declaration number and no quantity, mass or value column (a code list:
            // hscode + description, a currency name) is no declaration CSV.
            let known = columns.headers.indices.filter { columns.fields[$0] != nil }
            if columns.layout == .declarations, columns.index[.id] == nil,
               !known.contains(where: { columns.fields[$0]?.isNumber == true || columns.fields[$0] == .quantityAndUnit }) {
                outcome.recognized = false
                let named = known.map { columns.headers[$0] }.joined(separator: ", ")
                fileFinding("format.unknown", "the file is text but not a declaration CSV: no column is a declaration number, and only \(named) of its \(columns.headers.count) columns match declaration fields, none of them a quantity, mass or value (a code list or another table?); a --mapping file can name its columns")
                return outcome
            }
            outcome.layout = columns.layout == .events ? "events" : "declarations"
            // From here on every record is read to the end of the file or to the error that stops it.
            let ahead = readsAhead ? CSVRecordReadAhead(reader) : nil
            func nextRecord() throws -> CSVRecord? {
                if let ahead { return try ahead.next() }
                return try reader.next()
            }
            var format = options.numberFormat
            // An error within the sample stops the reading only after the rows before it.
            var sampleError: (any Error)?
            if format == nil {
                // The sample is bounded in bytes too: a thousand rows of long fields would not fit in memory.
                var sampleBytes = 0
                do {
                    while pending.count < CSVDocumentReader.sampleRows, sampleBytes < options.limits.maxSampleBytes,
                          let record = try nextRecord() {
                        pending.append(record)
                        sampleBytes += (0..<record.count).reduce(record.count) { $0 + record.length($1) }
                    }
                } catch {
                    sampleError = error
                }
                let numeric = columns.fields.indices.filter { columns.fields[$0]?.isNumber == true || columns.fields[$0] == .quantityAndUnit }
                format = CSVNumberFormat.detect(pending.lazy.flatMap { record in
                    numeric.lazy.compactMap { $0 < record.count ? record[$0] : nil }
                })
            }
            outcome.numberFormat = format
            let context = CSVFileContext(
                file: path, columns: columns, numberFormat: format ?? .undecided, codeLists: codeLists,
                rec20: columns.layout == .declarations ? codeLists.rec20Codes() : [])
            grouping = CSVGrouping(context: context)
            if columns.layout == .declarations && columns.index[.id] == nil {
                fileFinding("csv.header", "no column maps to id (the declaration number); the file is read as one declaration", row: 1)
            }
            if let message = CSVDocumentReader.unknownColumnsMessage(columns) { fileFinding("csv.column-unknown", message, row: 1) }
            func take(_ record: CSVRecord) {
                guard record.count == columns.headers.count else {
                    fileFinding("csv.malformed", "row \(record.row) has \(record.count) fields where the header has \(columns.headers.count); the row is not read", row: record.row)
                    return
                }
                if let invalid = record.invalidField {
                    fileFinding("encoding.invalid", "row \(record.row), column \(columns.headers[invalid]): the bytes are not valid \(encoding.name); the row is not read", row: record.row, column: columns.headers[invalid])
                    return
                }
                let (message, finished) = grouping!.add(record)
                if let message { fileFinding("csv.malformed", message, row: record.row) }
                if let finished { onDeclaration(finished) }
            }
            for record in pending { take(record) }
            pending = []
            if let sampleError { throw sampleError }
            while let record = try nextRecord() { take(record) }
            flush()
        } catch let error as CSVStructureError {
            fileFinding("csv.malformed", error.message, row: error.row)
            flush()
        } catch let CSVByteSource.Failure.invalid(offset) {
            fileFinding("encoding.invalid", "the bytes at offset \(offset) are not valid \(encoding.name); the file is read up to there")
            flush()
        } catch {
            fileFinding("file.unreadable", "cannot read the file: \(error)")
        }
        return outcome
    }

    /// `csv.column-unknown`: the header's columns that are not read into the declaration, by
    /// name — those that match no field (a `Country` column may be the origin, the exporter's or
    /// the importer's country: it is not guessed) and a second column of a field another column
    /// already holds — so that a declaration lacking a value says why. `nil` when every column
    /// is read.
    static func unknownColumnsMessage(_ columns: CSVColumns) -> String? {
        let repeated = Set(columns.duplicates.map(\.column))
        let unknown = columns.headers.indices.filter { columns.fields[$0] == nil && !repeated.contains($0) }.map { columns.headers[$0] }
        var parts: [String] = []
        if !unknown.isEmpty {
            let names = unknown.map { "'\($0)'" }.joined(separator: ", ")
            let one = unknown.count == 1
            parts.append("\(one ? "column" : "columns") \(names) \(one ? "matches" : "match") no declaration field; \(one ? "its" : "their") values are kept only as filed (asFiled), not read into the declaration. A --mapping file can name the field\(one ? "" : "s")")
        }
        for (column, field) in columns.duplicates {
            parts.append("column '\(columns.headers[column])' holds \(field.rawValue) again, already read from column '\(columns.header(field) ?? "")'; kept only as filed")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// A header of one column needs no delimiter: `,` then.
    private func singleColumnDelimiter(_ text: [UInt8]) -> UInt8? {
        guard let first = CSVDialect.firstLines(text[...], count: 1).first else { return nil }
        let header = String(decoding: first, as: UTF8.self)
        return options.synonyms.field(for: header) != nil ? UInt8(ascii: ",") : nil
    }
}
