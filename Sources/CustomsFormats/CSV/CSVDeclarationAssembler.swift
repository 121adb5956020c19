import CustomsCore
import Foundation

/// What every declaration of one CSV file is read with (one shared instance per file).
final class CSVFileContext {
    let file: String
    let columns: CSVColumns
    let numberFormat: CSVNumberFormat
    let codeLists: CodeLists
    let rec20: Set<String>
    /// Columns that map to no field (kept in `asFiled`).
    let unknownColumns: [Int]
    /// Columns that map to a declaration field, and the field.
    let declarationColumns: [(column: Int, field: CSVField)]
    /// Columns that map to a goods-item field.
    let itemColumns: [Int]

    init(file: String, columns: CSVColumns, numberFormat: CSVNumberFormat, codeLists: CodeLists, rec20: Set<String>) {
        self.file = file
        self.columns = columns
        self.numberFormat = numberFormat
        self.codeLists = codeLists
        self.rec20 = rec20
        unknownColumns = columns.fields.indices.filter { columns.fields[$0] == nil }
        declarationColumns = columns.fields.indices.compactMap { column in
            columns.fields[column].flatMap { $0.isGoodsItemColumn ? nil : (column, $0) }
        }
        itemColumns = columns.fields.indices.filter { columns.fields[$0]?.isGoodsItemColumn == true }
    }
}

/// The first filed cell of each declaration column, an array lookup.
struct CSVFieldCells {
    private var cells = [CSVCell?](repeating: nil, count: CSVField.count)

    subscript(field: CSVField) -> CSVCell? {
        get { cells[field.ordinal] }
        set { cells[field.ordinal] = newValue }
    }
}

/// Gathers the consecutive rows of one declaration (declarations layout) and harmonizes them.
///
/// Declaration columns may repeat on every row or stand on the first row only: the first filed
/// value counts, and a later row that files a different one is `field.invalid`. A row with any
/// goods-item column filed is a goods item. Memory: the rows of this one declaration.
final class CSVDeclarationAssembler {
    let context: CSVFileContext
    let firstRow: Int
    /// The rows of this declaration, as read.
    private var rows: [CSVRecord] = []
    /// Per row: true when it is a goods item.
    private var isItemRow: [Bool] = []
    /// Per declaration field (by ordinal): the row that filed it first, or -1.
    private var firstFiled = [Int](repeating: -1, count: CSVField.count)
    /// (earlier row, later row, column) of a declaration column filed differently.
    private var conflicts: [(earlier: Int, later: Int, column: Int)] = []
    /// The mapped declaration columns (goods-item columns say only that a row is an item).
    private let declarationColumns: [(column: Int, field: CSVField)]
    private let itemColumns: [Int]

    init(context: CSVFileContext, firstRow: Int) {
        self.context = context
        self.firstRow = firstRow
        declarationColumns = context.declarationColumns
        itemColumns = context.itemColumns
    }

    /// The first row (its id column says which declaration this is).
    var first: CSVRecord? { rows.first }

    func add(_ record: CSVRecord) {
        let index = rows.count
        for (column, field) in declarationColumns where !record.isEmpty(column) {
            let earlier = firstFiled[field.ordinal]
            if earlier < 0 {
                firstFiled[field.ordinal] = index
            } else if !record.same(column, as: rows[earlier], column), record[column] != rows[earlier][column] {
                // Bytes differ; the texts are compared as `String`s (canonical equivalence), as filed.
                conflicts.append((earlier, index, column))
            }
        }
        isItemRow.append(itemColumns.contains { !record.isEmpty($0) })
        rows.append(record)
    }

    private func cell(row: Int, column: Int, field: CSVField) -> CSVCell {
        CSVCell(text: rows[row][column], header: context.columns.headers[column], row: rows[row].row, field: field.path)
    }

    /// The harmonized declaration with its findings.
    func finish() -> DeclarationDraft {
        var draft = DeclarationDraft(format: "csv", messageType: "declarations", file: context.file, line: nil)
        draft.declaration.source.row = firstRow
        draft.declaration.messageType = nil
        for (earlierRow, laterRow, column) in conflicts {
            let field = context.columns.fields[column]!
            let earlier = cell(row: earlierRow, column: column, field: field)
            let later = cell(row: laterRow, column: column, field: field)
            draft.finding("field.invalid", "\(later.header) '\(later.text)' on row \(later.row) differs from '\(earlier.text)' on row \(earlier.row) of the same declaration; the first is kept", at: later)
        }
        var declarationCells = CSVFieldCells()
        for (column, field) in declarationColumns where firstFiled[field.ordinal] >= 0 {
            declarationCells[field] = cell(row: firstFiled[field.ordinal], column: column, field: field)
        }
        let codeLists = context.codeLists
        let format = context.numberFormat
        var asFiled = AsFiled()
        let cells = declarationCells
        let declaration = draft.identifier(cells[.id], asFiled: &asFiled)
        draft.declaration.id = declaration
        let declaring = draft.country(cells[.declaringCountry], authority: nil, codeLists: codeLists, asFiled: &asFiled)
        draft.declaration.declaringCountry = declaring
        let authority = CodeLists.authority(of: declaring)
        draft.declaration.direction = draft.direction(cells[.direction], codeLists: codeLists)
        draft.declaration.procedure = draft.text(cells[.procedure])
        draft.declaration.customsOffice = draft.identifier(cells[.customsOffice], asFiled: &asFiled)
        readLodgement(cells[.lodgedAt], country: declaring, into: &draft, asFiled: &asFiled)
        draft.declaration.transportMode = draft.transportMode(cells[.transportMode], authority: authority, codeLists: codeLists)
        draft.declaration.borderCrossing = draft.text(cells[.borderCrossing])
        if let number = draft.identifier(cells[.transportDocumentNumber], asFiled: &asFiled) {
            let typeCell = cells[.transportDocumentType]
            if let type = draft.text(typeCell) {
                if let known = TransportDocument.types.first(where: { $0.lowercased() == type.lowercased() }) {
                    draft.declaration.transportDocuments.append(TransportDocument(type: known, number: number))
                } else if let typeCell {
                    draft.finding("field.invalid", "\(typeCell.header) '\(type)' is not a transport document type (\(TransportDocument.types.joined(separator: ", ")))", at: typeCell)
                }
            } else {
                draft.declaration.transportDocuments.append(TransportDocument(type: "other", number: number))
            }
        }
        if let containers = draft.text(cells[.containers]) {
            draft.declaration.containers = containers.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" }).map { $0.uppercased() }
        }
        draft.declaration.exporter = party(.exporterName, .exporterID, .exporterCountry, authority, cells, &draft, &asFiled)
        draft.declaration.importer = party(.importerName, .importerID, .importerCountry, authority, cells, &draft, &asFiled)
        draft.declaration.declarant = party(.declarantName, .declarantID, .declarantCountry, authority, cells, &draft, &asFiled)
        let invoice = Invoice(
            number: draft.identifier(cells[.invoiceNumber], asFiled: &asFiled),
            currency: draft.currency(cells[.invoiceCurrency], authority: authority, codeLists: codeLists, asFiled: &asFiled),
            amount: draft.decimal(cells[.invoiceAmount], format: format, asFiled: &asFiled))
        draft.declaration.invoice = invoice.isEmpty ? nil : invoice
        draft.declaration.incoterm = draft.text(cells[.incoterm])?.uppercased()
        let totals = Totals(
            grossMassKg: draft.decimal(cells[.totalGrossMassKg], format: format, asFiled: &asFiled),
            netMassKg: draft.decimal(cells[.totalNetMassKg], format: format, asFiled: &asFiled),
            packages: draft.decimal(cells[.totalPackages], format: format, asFiled: &asFiled),
            goodsItemCount: draft.integer(cells[.goodsItemCount], format: format, asFiled: &asFiled))
        draft.declaration.totals = totals.isEmpty ? nil : totals
        if let cell = cells[.riskChannel], let raw = draft.text(cell) {
            if let channel = RiskChannel(rawValue: raw.lowercased()) { draft.declaration.riskChannel = channel }
            else { draft.finding("field.invalid", "\(cell.header) '\(raw)' is not a risk channel (green, yellow, red, blue)", at: cell) }
        }
        for (index, row) in rows.enumerated() where !isItemRow[index] {
            for column in context.unknownColumns where !row.isEmpty(column) { asFiled.set(context.columns.headers[column], row[column]) }
        }
        for entry in asFiled.entries { draft.declaration.asFiled.set(entry.name, entry.raw) }
        let itemReader = CSVGoodsItemReader(context: context, authority: authority)
        var index = 0
        for (position, row) in rows.enumerated() where isItemRow[position] {
            let item = itemReader.read(row, index: index, draft: &draft)
            draft.declaration.goodsItems.append(item)
            index += 1
        }
        return draft
    }

    private func party(
        _ name: CSVField, _ id: CSVField, _ country: CSVField, _ authority: CodeSystem?, _ declarationCells: CSVFieldCells,
        _ draft: inout DeclarationDraft, _ asFiled: inout AsFiled
    ) -> Party? {
        let party = Party(
            name: draft.text(declarationCells[name]),
            id: draft.identifier(declarationCells[id], asFiled: &asFiled),
            country: draft.country(declarationCells[country], authority: authority, codeLists: context.codeLists, asFiled: &asFiled))
        return party.isEmpty ? nil : party
    }

    /// RFC 3339 → `lodgedAt` and `lodgedOn`; a date (`YYYY-MM-DD`, `DD.MM.YYYY`) → `lodgedOn`
    /// only; a local time without offset → read in the declaring authority's zone.
    private func readLodgement(_ cell: CSVCell?, country: String?, into draft: inout DeclarationDraft, asFiled: inout AsFiled) {
        guard let cell, let text = draft.text(cell) else { return }
        if let stamp = Timestamp.parseRFC3339(text) {
            draft.declaration.lodgedAt = stamp
            draft.declaration.lodgedOn = stamp.local.isoDate
            return
        }
        if let date = CSVDates.date(text) {
            draft.declaration.lodgedOn = date.isoDate
            if date.isoDate != text { asFiled.set(cell.header, text) }
            return
        }
        if let local = LocalDateTime.parseISO(text) {
            asFiled.set(cell.header, text)
            guard let country, let zoneName = context.codeLists.authorityZones[country], let zone = TimeZone(identifier: zoneName) else {
                draft.finding("field.invalid", "\(cell.header) '\(text)' has no UTC offset and the declaring authority's time zone is not known (no declaring_country)", at: cell)
                return
            }
            switch local.resolve(in: zone) {
            case let .exact(stamp):
                draft.declaration.lodgedAt = stamp
                draft.declaration.lodgedOn = local.isoDate
                draft.finding("timing.zone-assumed", "\(cell.header) '\(text)' has no UTC offset; read in \(zoneName), the declaring authority's zone", at: cell)
            case .ambiguous, .nonexistent:
                draft.declaration.lodgedOn = local.isoDate
                draft.finding("timing.ambiguous-local-time", "\(cell.header) '\(text)' happened twice or never in \(zoneName); it is not placed in time", at: cell)
            }
            return
        }
        asFiled.set(cell.header, text)
        draft.finding("field.invalid", "\(cell.header) '\(text)' is not a date (YYYY-MM-DD, DD.MM.YYYY) or an RFC 3339 time", at: cell)
    }
}

/// Dates as spreadsheets write them.
enum CSVDates {
    /// `YYYY-MM-DD` or `DD.MM.YYYY` (Russian and Kazakh regional settings).
    static func date(_ text: String) -> LocalDateTime? {
        let bytes = Array(text.utf8)
        if bytes.count == 10, bytes[4] == UInt8(ascii: "-") { return LocalDateTime.parseISO(text) }
        guard bytes.count == 10, bytes[2] == UInt8(ascii: "."), bytes[5] == UInt8(ascii: "."),
              let d = number(bytes[0..<2]), let m = number(bytes[3..<5]), let y = number(bytes[6..<10]) else { return nil }
        return LocalDateTime(year: y, month: m, day: d)
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
