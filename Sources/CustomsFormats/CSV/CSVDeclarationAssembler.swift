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

    init(file: String, columns: CSVColumns, numberFormat: CSVNumberFormat, codeLists: CodeLists, rec20: Set<String>) {
        self.file = file
        self.columns = columns
        self.numberFormat = numberFormat
        self.codeLists = codeLists
        self.rec20 = rec20
        unknownColumns = columns.fields.indices.filter { columns.fields[$0] == nil }
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
    let id: String
    let firstRow: Int
    private var declarationCells = CSVFieldCells()
    private var conflicts: [(CSVCell, CSVCell)] = []
    private var itemRows: [(row: Int, fields: [String])] = []
    private var unknownDeclarationCells: [CSVCell] = []

    init(context: CSVFileContext, id: String, firstRow: Int) {
        self.context = context
        self.id = id
        self.firstRow = firstRow
    }

    func add(_ record: CSVRecord) {
        var isItem = false
        let fields = context.columns.fields
        for (column, value) in record.fields.enumerated() {
            guard let field = fields[column] else { continue }
            let text = value
            guard !text.isEmpty else { continue }
            if field.isGoodsItemColumn { isItem = true; continue }
            let cell = CSVCell(text: text, header: context.columns.headers[column], row: record.row, field: field.path)
            if let earlier = declarationCells[field] {
                if earlier.text != text { conflicts.append((earlier, cell)) }
            } else {
                declarationCells[field] = cell
            }
        }
        if isItem {
            itemRows.append((record.row, record.fields))
        } else {
            for column in context.unknownColumns where !record.fields[column].isEmpty {
                unknownDeclarationCells.append(CSVCell(
                    text: record.fields[column], header: context.columns.headers[column], row: record.row, field: ""))
            }
        }
    }

    /// The harmonized declaration with its findings.
    func finish() -> DeclarationDraft {
        var draft = DeclarationDraft(format: "csv", messageType: "declarations", file: context.file, line: nil)
        draft.declaration.source.row = firstRow
        draft.declaration.messageType = nil
        for (earlier, later) in conflicts {
            draft.finding("field.invalid", "\(later.header) '\(later.text)' on row \(later.row) differs from '\(earlier.text)' on row \(earlier.row) of the same declaration; the first is kept", at: later)
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
        draft.declaration.exporter = party(.exporterName, .exporterID, .exporterCountry, authority, &draft, &asFiled)
        draft.declaration.importer = party(.importerName, .importerID, .importerCountry, authority, &draft, &asFiled)
        draft.declaration.declarant = party(.declarantName, .declarantID, .declarantCountry, authority, &draft, &asFiled)
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
        for cell in unknownDeclarationCells { asFiled.set(cell.header, cell.text) }
        for entry in asFiled.entries { draft.declaration.asFiled.set(entry.name, entry.raw) }
        let itemReader = CSVGoodsItemReader(context: context, authority: authority)
        for (index, row) in itemRows.enumerated() {
            let item = itemReader.read(row.fields, row: row.row, path: "goodsItems[\(index)]", draft: &draft)
            draft.declaration.goodsItems.append(item)
        }
        return draft
    }

    private func party(
        _ name: CSVField, _ id: CSVField, _ country: CSVField, _ authority: CodeSystem?,
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
