public import Foundation
import CustomsCore

/// Header synonyms: normalized header text → ``CSVField``.
///
/// Built in: every snake_case name of the plain layouts and the synonyms of
/// `Schemas/csv-headers.csv` (`field,synonym`: box titles of China's 报关单 and the EAEU ДТ in
/// Russian and Kazakh, Excel template short forms, English). A user mapping file (`--mapping`,
/// same two columns) adds synonyms and overrides built-in ones. Headers match case-, space- and
/// punctuation-insensitively (`Вес брутто, кг` = `вес брутто (кг)`; `ё` = `е`).
public struct CSVHeaderSynonyms: Sendable {
    private var byKey: [String: CSVField]

    /// Only the plain layouts' own names.
    public init() {
        byKey = [:]
        for field in CSVField.allCases { byKey[CSVHeaderSynonyms.normalize(field.rawValue)] = field }
    }

    /// The built-in synonyms of `Schemas/csv-headers.csv` in `schemas`.
    public static func builtIn(schemas: URL) throws -> CSVHeaderSynonyms {
        var synonyms = CSVHeaderSynonyms()
        let text = try String(contentsOf: schemas.appendingPathComponent("csv-headers.csv"), encoding: .utf8)
        _ = synonyms.add(DelimitedTable.records(text))
        return synonyms
    }

    /// Adds the `field,synonym` rows of a user mapping file; throws a message naming the first
    /// row whose field is not a plain-layout column.
    public mutating func addMapping(file: String) throws {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw CSVMappingError("--mapping \(file): cannot read it as a UTF-8 CSV file")
        }
        let records = DelimitedTable.records(text)
        guard !records.isEmpty, records.allSatisfy({ $0["field"] != nil && $0["synonym"] != nil }) else {
            throw CSVMappingError("--mapping \(file): expected a header row 'field,synonym' and one synonym per row")
        }
        if let bad = add(records) {
            let fields = CSVField.allCases.map(\.rawValue).joined(separator: ", ")
            throw CSVMappingError("--mapping \(file): '\(bad)' is not a column of the plain CSV layouts; the field column names one of: \(fields)")
        }
    }

    /// Adds rows; returns the first unknown field name.
    private mutating func add(_ records: [[String: String]]) -> String? {
        for record in records {
            guard let name = record["field"], let synonym = record["synonym"] else { continue }
            guard let field = CSVField(rawValue: name.csvTrimmed) else { return name }
            let key = CSVHeaderSynonyms.normalize(synonym)
            if !key.isEmpty { byKey[key] = field }
        }
        return nil
    }

    /// The field a header names, or `nil` for an unknown column.
    public func field(for header: String) -> CSVField? {
        byKey[CSVHeaderSynonyms.normalize(header)]
    }

    /// Lowercased letters and digits only; `ё` → `е`.
    public static func normalize(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars where scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
            result.unicodeScalars.append(scalar == "ё" ? "е" : scalar)
        }
        return result
    }
}

/// A `--mapping` file that cannot be used (the command stops with exit status 2).
public struct CSVMappingError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Field → column index, an array lookup (fields are looked up for every cell).
struct CSVFieldColumns {
    private var columns = [Int](repeating: -1, count: CSVField.count)

    subscript(field: CSVField) -> Int? {
        get { columns[field.ordinal] >= 0 ? columns[field.ordinal] : nil }
        set { columns[field.ordinal] = newValue ?? -1 }
    }
}

/// The columns of one file: which field each column holds, and its header as written.
struct CSVColumns {
    enum Layout { case declarations, events }

    var headers: [String]
    var fields: [CSVField?]
    var layout: Layout
    /// Column index of each mapped field (the first column that maps to it).
    var index = CSVFieldColumns()
    /// Columns whose field another column already holds, with that field: kept in `asFiled` only.
    var duplicates: [(column: Int, field: CSVField)] = []

    init(headers: [String], synonyms: CSVHeaderSynonyms) {
        self.headers = headers
        var fields: [CSVField?] = []
        for (column, header) in headers.enumerated() {
            let field = synonyms.field(for: header)
            if let field, index[field] == nil {
                index[field] = column
                fields.append(field)
            } else {
                if let field { duplicates.append((column, field)) }
                fields.append(nil)
            }
        }
        self.fields = fields
        if index[.milestone] != nil && index[.at] != nil {
            layout = .events
            if index[.declarationID] == nil, let id = index[.id] { index[.declarationID] = id }
        } else {
            layout = .declarations
            if index[.id] == nil, let id = index[.declarationID] { index[.id] = id }
        }
    }

    /// The header of `field`'s column, for findings.
    func header(_ field: CSVField) -> String? { index[field].map { headers[$0] } }
}
