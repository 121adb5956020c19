import CustomsCore
import Foundation

/// Reads one goods-item row of the declarations layout.
///
/// HS and national codes are text: leading zeros stay. A code that a spreadsheet stored as a
/// number and so lost its leading zero (a 9-digit national code, a 5-digit HS subheading) is
/// `code.hs`, with the zero-padded form named when it is a subheading of an HS edition; the
/// padded value is never filled in.
struct CSVGoodsItemReader {
    let context: CSVFileContext
    let authority: CodeSystem?

    /// Reads a goods-item row. The common cell — a plain number, a code of the expected length,
    /// a code already in its international form — is read straight from the row's bytes
    /// (``CSVPlain``); any other goes through ``CSVCell`` and the draft's readers, which
    /// give its findings and `asFiled` entries, so both ways give the same item.
    ///
    /// The item is filled in where the caller keeps it (`item`, a new ``GoodsItem``): returned,
    /// it was copied once more, each of its strings retained and released again.
    func read(_ record: CSVRecord, index: Int, draft: inout DeclarationDraft, into item: inout GoodsItem) {
        let row = record.row
        item.sourceLine = row
        var asFiled = AsFiled()
        let context = self.context
        /// The column of `field` when it is filed on this row.
        func filled(_ field: CSVField) -> Int? {
            let column = context.fieldColumns[field.ordinal]
            return column >= 0 && !record.isEmpty(column) ? column : nil
        }
        func cell(_ field: CSVField) -> CSVCell? {
            guard let column = filled(field) else { return nil }
            return CSVCell(text: record[column], header: context.columns.headers[column], row: row, field: field.path, prefix: "goodsItems[\(index)]")
        }
        let format = context.numberFormat
        let codeLists = context.codeLists
        func plainInteger(_ field: CSVField) -> Int? { filled(field).flatMap { CSVPlain.integer(record, $0) } }
        func plainDecimal(_ field: CSVField) -> Decimal? { filled(field).flatMap { CSVPlain.decimal(record, $0, format: format) } }
        func plainText(_ field: CSVField) -> String? { filled(field).flatMap { CSVPlain.text(record, $0) } }
        func plainDigits(_ field: CSVField, lengths: UInt64) -> (text: String, subheading: String)? {
            filled(field).flatMap { CSVPlain.digits(record, $0, lengths: lengths) }
        }
        func plainCode(_ field: CSVField, memo: CSVCodeMemo, _ resolve: (String) -> CodeResolution) -> String? {
            filled(field).flatMap { CSVPlain.code(record, $0, memo: memo, resolve) }
        }
        item.sequence = plainInteger(.sequence) ?? draft.integer(cell(.sequence), format: format, asFiled: &asFiled)
        if case let (text, subheading)? = plainDigits(.nationalCode, lengths: 0b101_0100_0000) {
            item.nationalCode = text
            item.hsCode = subheading
        } else if let national = cell(.nationalCode), let text = draft.identifier(national, asFiled: &asFiled) {
            if code(text, national, lengths: [6, 8, 10], what: "national code", draft: &draft, asFiled: &asFiled) {
                item.nationalCode = text
                item.hsCode = String(text.prefix(6))
            }
        }
        if case let (text, _)? = plainDigits(.hsCode, lengths: 0b100_0000), item.hsCode == nil || item.hsCode == text {
            item.hsCode = text
        } else if let hs = cell(.hsCode), let text = draft.identifier(hs, asFiled: &asFiled) {
            if code(text, hs, lengths: [6], what: "HS subheading", draft: &draft, asFiled: &asFiled) {
                if let derived = item.hsCode, derived != text {
                    draft.finding("code.hs", "\(hs.header) '\(text)' is not the first six digits of the national code '\(item.nationalCode ?? "")'", at: hs)
                }
                item.hsCode = text
            }
        }
        item.description = plainText(.description) ?? draft.text(cell(.description))
        item.originCountry = plainCode(.originCountry, memo: context.countryMemo, { codeLists.country($0, authority: authority) })
            ?? draft.country(cell(.originCountry), authority: authority, codeLists: codeLists, asFiled: &asFiled)
        if let unit = plainCode(.unit, memo: context.unitMemo, { context.rec20.contains($0) ? .resolved($0, system: nil) : .unknown }) {
            // A Rec 20 unit as filed: the quantity stays as it is.
            item.unit = unit
            item.quantity = plainDecimal(.quantity) ?? draft.decimal(cell(.quantity), format: format, asFiled: &asFiled)
        } else {
            var quantityCell = cell(.quantity)
            var unitCell = cell(.unit)
            if quantityCell == nil, unitCell == nil, let combined = cell(.quantityAndUnit) {
                // `1 250,5 166`: the last word is the unit code.
                if let space = combined.text.lastIndex(where: { $0 == " " || $0 == "\u{00A0}" }) {
                    quantityCell = CSVCell(text: CSVText.trimmed(String(combined.text[..<space])), header: combined.header, row: row, field: "quantity", prefix: "goodsItems[\(index)]")
                    unitCell = CSVCell(text: String(combined.text[combined.text.index(after: space)...]), header: combined.header, row: row, field: "unit", prefix: "goodsItems[\(index)]")
                    asFiled.set(combined.header, combined.text)
                } else {
                    draft.finding("field.invalid", "\(combined.header) '\(combined.text)' is not a quantity followed by a unit code", at: combined)
                }
            }
            let quantity = draft.decimal(quantityCell, format: format, asFiled: &asFiled)
            (item.unit, item.quantity) = draft.unitAndQuantity(
                unit: unitCell, quantity: quantity, quantityCell: quantityCell, authority: authority, codeLists: codeLists,
                rec20: context.rec20, asFiled: &asFiled)
        }
        item.grossMassKg = plainDecimal(.grossMassKg) ?? draft.decimal(cell(.grossMassKg), format: format, asFiled: &asFiled)
        item.netMassKg = plainDecimal(.netMassKg) ?? draft.decimal(cell(.netMassKg), format: format, asFiled: &asFiled)
        item.packages = plainDecimal(.packages) ?? draft.decimal(cell(.packages), format: format, asFiled: &asFiled)
        item.unitPrice = plainDecimal(.unitPrice) ?? draft.decimal(cell(.unitPrice), format: format, asFiled: &asFiled)
        if item.unitPrice != nil, let column = filled(.unitPrice) {
            item.noteUnitPriceDecimals(record.withBytes(column) { CSVNumberFormat.writtenDecimals(bytes: $0, as: format) })
        }
        item.value = plainDecimal(.value) ?? draft.decimal(cell(.value), format: format, asFiled: &asFiled)
        item.currency = plainCode(.currency, memo: context.currencyMemo, { codeLists.currency($0, authority: authority) })
            ?? draft.currency(cell(.currency), authority: authority, codeLists: codeLists, asFiled: &asFiled)
        for column in context.unknownColumns where !record.isEmpty(column) {
            asFiled.set(context.columns.headers[column], record[column])
        }
        item.asFiled = asFiled
    }

    /// True when `text` is a code of the expected length; otherwise `code.hs`, explaining a lost
    /// leading zero when the zero-padded code is a subheading.
    private func code(
        _ text: String, _ cell: CSVCell, lengths: [Int], what: String, draft: inout DeclarationDraft, asFiled: inout AsFiled
    ) -> Bool {
        let digitsOnly = text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        if digitsOnly && lengths.contains(text.utf8.count) { return true }
        asFiled.set(cell.header, text)
        let expected = lengths.map(String.init).joined(separator: ", ")
        if digitsOnly, lengths.contains(text.utf8.count + 1) {
            let padded = "0" + text
            let subheading = String(padded.prefix(6))
            if let edition = edition(containing: subheading) {
                draft.finding("code.hs", "\(cell.header) '\(text)' has \(text.utf8.count) digits: a spreadsheet stored it as a number and dropped its leading zero; the zero-padded '\(padded)' is HS \(edition) subheading \(subheading) — re-export the column as text (the value is not filled in)", at: cell)
                return false
            }
        }
        draft.finding("code.hs", "\(cell.header) '\(text)' is not a \(what) of \(expected) digits", at: cell)
        return false
    }

    private func edition(containing subheading: String) -> Int? {
        context.codeLists.hsEditions.keys.sorted(by: >).first { context.codeLists.hsEditions[$0]?.contains(subheading) == true }
    }
}
