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
    /// Short codes of the file already looked up (country and currency codes of letters, units).
    let countryMemo = CSVCodeMemo(digits: false)
    let currencyMemo = CSVCodeMemo(digits: false)
    let unitMemo = CSVCodeMemo(digits: true)
    /// The column of each declaration field (by ordinal), -1 when none: the column whose header maps to it.
    let declarationColumnOf: [Int]
    /// The column of each field (by ordinal), -1 when none (``CSVColumns/index`` as a plain array).
    let fieldColumns: [Int]
    /// The first and last column of the declaration columns (with any columns between them).
    let declarationSpan: (first: Int, last: Int)?

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
        declarationSpan = declarationColumns.isEmpty
            ? nil : (declarationColumns.map(\.column).min()!, declarationColumns.map(\.column).max()!)
        fieldColumns = CSVField.allCases.map { columns.index[$0] ?? -1 }
        var columnOf = [Int](repeating: -1, count: CSVField.count)
        for (column, field) in declarationColumns { columnOf[field.ordinal] = column }
        declarationColumnOf = columnOf
    }
}

/// Gathers the consecutive rows of one declaration (declarations layout) and harmonizes them.
///
/// Declaration columns may repeat on every row or stand on the first row only: the first filed
/// value counts, and a later row that files a different one is `field.invalid`. A row with any
/// goods-item column filed is a goods item. Memory: the rows of this one declaration.
final class CSVDeclarationAssembler {
    let context: CSVFileContext
    private(set) var firstRow: Int
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

    /// Makes the assembler ready for the next declaration, its storage kept.
    func reset(firstRow: Int) {
        self.firstRow = firstRow
        rows.removeAll(keepingCapacity: true)
        isItemRow.removeAll(keepingCapacity: true)
        conflicts.removeAll(keepingCapacity: true)
        for index in firstFiled.indices { firstFiled[index] = -1 }
    }

    /// The first row (its id column says which declaration this is).
    var first: CSVRecord? { rows.first }

    func add(_ record: CSVRecord) {
        let index = rows.count
        // The declaration columns repeated as on the first row, byte for byte (the common row):
        // every filed one was filed first there and is the same, nothing to note.
        if index > 0, let span = context.declarationSpan, record.sameRun(span.first, span.last, as: rows[0]) {
            isItemRow.append(itemColumns.contains { !record.isEmpty($0) })
            rows.append(record)
            return
        }
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
        let itemRows = isItemRow.reduce(0) { $1 ? $0 + 1 : $0 }
        var draft = DeclarationDraft(format: "csv", messageType: "declarations", file: context.file, line: nil)
        draft.declaration.source.row = firstRow
        draft.declaration.messageType = nil
        for (earlierRow, laterRow, column) in conflicts {
            let field = context.columns.fields[column]!
            let earlier = cell(row: earlierRow, column: column, field: field)
            let later = cell(row: laterRow, column: column, field: field)
            draft.finding("field.invalid", "\(later.header) '\(later.text)' on row \(later.row) differs from '\(earlier.text)' on row \(earlier.row) of the same declaration; the first is kept", at: later)
        }
        // A cell is read straight from its bytes when it is plain (``CSVPlain``: no conversion, no
        // finding), otherwise through ``CSVCell`` and the draft's readers.
        let codeLists = context.codeLists
        let format = context.numberFormat
        var asFiled = AsFiled()
        let declaration = plainIdentifier(.id) ?? draft.identifier(cell(.id), asFiled: &asFiled)
        draft.declaration.id = declaration
        let declaring = plainCountry(.declaringCountry, authority: nil)
            ?? draft.country(cell(.declaringCountry), authority: nil, codeLists: codeLists, asFiled: &asFiled)
        draft.declaration.declaringCountry = declaring
        let authority = CodeLists.authority(of: declaring)
        draft.declaration.direction = plainText(.direction).flatMap { Direction(rawValue: $0) }
            ?? draft.direction(cell(.direction), codeLists: codeLists)
        draft.declaration.procedure = plainText(.procedure) ?? draft.text(cell(.procedure))
        draft.declaration.customsOffice = plainIdentifier(.customsOffice) ?? draft.identifier(cell(.customsOffice), asFiled: &asFiled)
        readLodgement(cell(.lodgedAt), country: declaring, into: &draft, asFiled: &asFiled)
        draft.declaration.transportMode = plainText(.transportMode).flatMap { TransportMode(rawValue: $0) }
            ?? draft.transportMode(cell(.transportMode), authority: authority, codeLists: codeLists)
        draft.declaration.borderCrossing = plainText(.borderCrossing) ?? draft.text(cell(.borderCrossing))
        if let number = plainIdentifier(.transportDocumentNumber) ?? draft.identifier(cell(.transportDocumentNumber), asFiled: &asFiled) {
            if let type = plainText(.transportDocumentType) ?? draft.text(cell(.transportDocumentType)) {
                // The types differ even ignoring case: one filed as written is that one.
                if let known = TransportDocument.types.contains(type) ? type : TransportDocument.types.first(where: { $0.lowercased() == type.lowercased() }) {
                    draft.declaration.transportDocuments.append(TransportDocument(type: known, number: number))
                } else if let typeCell = cell(.transportDocumentType) {
                    draft.finding("field.invalid", "\(typeCell.header) '\(type)' is not a transport document type (\(TransportDocument.types.joined(separator: ", ")))", at: typeCell)
                }
            } else {
                draft.declaration.transportDocuments.append(TransportDocument(type: "other", number: number))
            }
        }
        if let containers = plainText(.containers) ?? draft.text(cell(.containers)) {
            draft.declaration.containers = CSVDeclarationAssembler.containers(containers)
        }
        draft.declaration.exporter = party(.exporterName, .exporterID, .exporterCountry, authority, &draft, &asFiled)
        draft.declaration.importer = party(.importerName, .importerID, .importerCountry, authority, &draft, &asFiled)
        draft.declaration.declarant = party(.declarantName, .declarantID, .declarantCountry, authority, &draft, &asFiled)
        let invoice = Invoice(
            number: plainIdentifier(.invoiceNumber) ?? draft.identifier(cell(.invoiceNumber), asFiled: &asFiled),
            currency: plainCurrency(.invoiceCurrency, authority: authority)
                ?? draft.currency(cell(.invoiceCurrency), authority: authority, codeLists: codeLists, asFiled: &asFiled),
            amount: plainDecimal(.invoiceAmount) ?? draft.decimal(cell(.invoiceAmount), format: format, asFiled: &asFiled))
        draft.declaration.invoice = invoice.isEmpty ? nil : invoice
        draft.declaration.incoterm = (plainText(.incoterm) ?? draft.text(cell(.incoterm))).map(CSVDeclarationAssembler.uppercased)
        let totals = Totals(
            grossMassKg: plainDecimal(.totalGrossMassKg) ?? draft.decimal(cell(.totalGrossMassKg), format: format, asFiled: &asFiled),
            netMassKg: plainDecimal(.totalNetMassKg) ?? draft.decimal(cell(.totalNetMassKg), format: format, asFiled: &asFiled),
            packages: plainDecimal(.totalPackages) ?? draft.decimal(cell(.totalPackages), format: format, asFiled: &asFiled),
            goodsItemCount: plainInteger(.goodsItemCount) ?? draft.integer(cell(.goodsItemCount), format: format, asFiled: &asFiled))
        draft.declaration.totals = totals.isEmpty ? nil : totals
        if let channel = plainText(.riskChannel).flatMap({ RiskChannel(rawValue: $0) }) {
            draft.declaration.riskChannel = channel
        } else if let cell = cell(.riskChannel), let raw = draft.text(cell) {
            if let channel = RiskChannel(rawValue: raw.lowercased()) { draft.declaration.riskChannel = channel }
            else { draft.finding("field.invalid", "\(cell.header) '\(raw)' is not a risk channel (green, yellow, red, blue)", at: cell) }
        }
        // Rows by index, items filled in where they are kept: a row or an item bound to a
        // variable is a copy, each of its strings retained and released again.
        let rows = self.rows
        for index in rows.indices where !isItemRow[index] {
            for column in context.unknownColumns where !rows[index].isEmpty(column) {
                asFiled.set(context.columns.headers[column], rows[index][column])
            }
        }
        for entry in asFiled.entries { draft.declaration.asFiled.set(entry.name, entry.raw) }
        let itemReader = CSVGoodsItemReader(context: context, authority: authority)
        var items: [GoodsItem] = []
        items.reserveCapacity(itemRows)
        for position in rows.indices where isItemRow[position] {
            items.append(GoodsItem())
            itemReader.read(rows[position], index: items.count - 1, draft: &draft, into: &items[items.count - 1])
        }
        draft.declaration.goodsItems = items
        return draft
    }

    private func party(
        _ name: CSVField, _ id: CSVField, _ country: CSVField, _ authority: CodeSystem?,
        _ draft: inout DeclarationDraft, _ asFiled: inout AsFiled
    ) -> Party? {
        let party = Party(
            name: plainText(name) ?? draft.text(cell(name)),
            id: plainIdentifier(id) ?? draft.identifier(cell(id), asFiled: &asFiled),
            country: plainCountry(country, authority: authority)
                ?? draft.country(cell(country), authority: authority, codeLists: context.codeLists, asFiled: &asFiled))
        return party.isEmpty ? nil : party
    }

    // MARK: Declaration cells

    /// The row (in `rows`) and column of the first filed cell of a declaration field.
    private func filed(_ field: CSVField) -> (row: Int, column: Int)? {
        let row = firstFiled[field.ordinal]
        guard row >= 0 else { return nil }
        return (row, context.declarationColumnOf[field.ordinal])
    }

    /// The first filed cell of a declaration field, for the draft's readers.
    private func cell(_ field: CSVField) -> CSVCell? {
        filed(field).map { cell(row: $0.row, column: $0.column, field: field) }
    }

    private func plainText(_ field: CSVField) -> String? {
        filed(field).flatMap { CSVPlain.text(rows[$0.row], $0.column) }
    }

    private func plainIdentifier(_ field: CSVField) -> String? {
        filed(field).flatMap { CSVPlain.identifier(rows[$0.row], $0.column) }
    }

    private func plainDecimal(_ field: CSVField) -> Decimal? {
        filed(field).flatMap { CSVPlain.decimal(rows[$0.row], $0.column, format: context.numberFormat) }
    }

    private func plainInteger(_ field: CSVField) -> Int? {
        filed(field).flatMap { CSVPlain.integer(rows[$0.row], $0.column) }
    }

    private func plainCountry(_ field: CSVField, authority: CodeSystem?) -> String? {
        let codeLists = context.codeLists
        return filed(field).flatMap {
            CSVPlain.code(rows[$0.row], $0.column, memo: context.countryMemo) { codeLists.country($0, authority: authority) }
        }
    }

    private func plainCurrency(_ field: CSVField, authority: CodeSystem?) -> String? {
        let codeLists = context.codeLists
        return filed(field).flatMap {
            CSVPlain.code(rows[$0.row], $0.column, memo: context.currencyMemo) { codeLists.currency($0, authority: authority) }
        }
    }

    /// Container numbers split at spaces and no-break spaces, upper case; ASCII text (the
    /// common case) is split and upper-cased byte by byte, with the same result.
    static func containers(_ text: String) -> [String] {
        var text = text
        let ascii: [String]? = text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return bytes.split(separator: 0x20).map { piece in
                String(decoding: piece, as: UTF8.self).uppercasedASCIIFast
            }
        }
        return ascii ?? text.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" }).map { $0.uppercased() }
    }

    /// `text.uppercased()`, without the work when it is ASCII with no lower-case letter.
    static func uppercased(_ text: String) -> String { text.uppercasedASCIIFast }

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
