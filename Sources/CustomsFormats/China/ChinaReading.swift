import CustomsCore
import CustomsXML
import Foundation

/// Reading helpers shared by the China adapters (`cn-dec`, `cn-ceb`).
///
/// China customs is the declaring authority of both formats, so numeric country and currency
/// codes are read in China customs' tables (116 is Japan there, Cambodia in ISO numeric), and a
/// time without offset is Beijing time (`Asia/Shanghai`, `Schemas/codelists/authority-zones.csv`).
extension DeclarationDraft {
    /// The declaring country of both China formats.
    static let china = "CN"

    /// A compact Chinese date or time (`yyyyMMdd`, `yyyyMMddHHmmss`, or 17 digits with
    /// milliseconds), kept in `asFiled`. Returns the calendar date (`YYYY-MM-DD`) and, when the
    /// text carries a time of day, the instant read in Beijing time; `field.invalid` when the
    /// text is not such a date, `timing.ambiguous-local-time` never happens in `Asia/Shanghai`
    /// but is reported by ``localTime(_:country:codeLists:element:field:)`` if it did.
    mutating func chinaTime<Field: FiledField>(_ element: Field?, field: String, codeLists: CodeLists) -> (date: String, at: Timestamp?)? {
        guard let element, let text = text(element, field: field) else { return nil }
        declaration.asFiled.set(element.name, text)
        guard let local = LocalDateTime.parseCompact(text) else {
            finding("field.invalid", "\(element.name) '\(text)' is not a date yyyyMMdd or a time yyyyMMddHHmmss", at: element, field: field)
            return nil
        }
        // Digits only (it parsed): one character per byte.
        guard text.utf8.count > 8 else { return (local.isoDate, nil) }
        let at = localTime(local, country: Self.china, codeLists: codeLists, element: element, field: field)
        return (local.isoDate, at)
    }

    /// A 10-digit China commodity code (`CodeTS`, `gcode`) into `nationalCode` as filed and
    /// `hsCode`, its first six digits. An empty code is `field.missing` at its own line; text
    /// that is not digits, or fewer than six digits, is `field.invalid` and leaves the HS
    /// subheading absent.
    /// The goods item's label (its sequence) and its field path are built only for a finding.
    mutating func commodityCode<Field: FiledField>(
        _ element: Field?, in item: Field, sequence: @autoclosure () -> String, field: @autoclosure () -> String,
        into goods: inout GoodsItem
    ) {
        guard let element else {
            missing("goods item \(sequence()) has no commodity code element (CodeTS/gcode)", at: item, field: field() + ".nationalCode")
            return
        }
        guard let code = text(element, path: field() + ".nationalCode") else {
            if element.trimmedText.isEmpty {
                missing("\(element.name) is empty: goods item \(sequence()) has no commodity code", at: element, field: field() + ".nationalCode")
            }
            return
        }
        // The bytes read in place where the String lends them (its own view walks its indices).
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        guard code.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy(isDigit) }) ?? code.utf8.allSatisfy(isDigit) else {
            finding("field.invalid", "\(element.name) '\(code)' is not a commodity code (digits only)", at: element, field: field() + ".nationalCode")
            return
        }
        goods.nationalCode = code
        // Digits only: one character per byte.
        if code.utf8.count >= 6 {
            goods.hsCode = String(decoding: code.utf8.prefix(6), as: UTF8.self)
        } else {
            finding("field.invalid", "\(element.name) '\(code)' has \(code.count) digits; an HS subheading needs 6", at: element, field: field() + ".hsCode")
        }
    }

    /// `TransMode` (成交方式) → Incoterms 2020 through `Schemas/codelists/cn-transaction-modes.csv`;
    /// kept in `asFiled`. C&I, market price and 垫仓 are not Incoterms: omitted. A code not in the
    /// table is `field.invalid` (the catalogue has no code list rule for terms of delivery).
    mutating func incoterm(_ element: XMLElement?, codeLists: CodeLists) -> String? {
        guard let element, let raw = text(element, field: "incoterm") else { return nil }
        declaration.asFiled.set(element.name, raw)
        switch codeLists.chinaIncoterms[raw] {
        case let .found(term)?: return term
        case .noCounterpart?: return nil
        case .unknown?, nil:
            finding("field.invalid", "\(element.name) '\(raw)' is not in China customs' transaction mode table (成交方式 1–7)", at: element, field: "incoterm")
            return nil
        }
    }

    /// The border crossing a China customs office code identifies (`Schemas/border-crossings.csv`);
    /// the code is kept in `asFiled` when it maps. An office that is no border crossing of the
    /// corridor (a seaport, an inland office) leaves `borderCrossing` absent without a finding.
    mutating func borderCrossing(_ element: (some FiledField)?, codeLists: CodeLists) {
        guard let element, let raw = text(element, field: "borderCrossing") else { return }
        guard let crossing = codeLists.borderCrossing(office: raw) else { return }
        declaration.borderCrossing = crossing.id
        declaration.asFiled.set(element.name, raw)
    }

    /// A bill of lading or waybill number (`BillNo`, `billNo`) as a transport document: `BL` by
    /// sea, `AWB` by air, `other` when the mode does not say which document it is.
    mutating func billOfTransport(_ element: (some FiledField)?) {
        guard let element, let number = text(element, field: "transportDocuments") else { return }
        let type = switch declaration.transportMode {
        case .sea?: "BL"
        case .air?: "AWB"
        default: "other"
        }
        declaration.transportDocuments.append(TransportDocument(type: type, number: number))
    }

    /// A container number into `containers`: upper case, without spaces (`SPEC.md`); the text
    /// as filed stays in `asFiled` when that changed it. Its ISO 6346 form and check digit are
    /// the code-list rules' concern.
    mutating func container(_ id: String, element: XMLElement?) {
        let normalized = String(id.uppercased().filter { !$0.isWhitespace })
        if normalized != id, let element { declaration.asFiled.set(element.name, id) }
        declaration.containers.append(normalized)
    }

    /// A party from its name and identifier elements (the first identifier present is its `id`;
    /// the others present stay in `asFiled`). The check character of a USCC is the rules' job
    /// (`party.id-check`).
    mutating func party<Field: FiledField>(name names: [Field?], ids: [Field?], country: String?, field: String) -> Party? {
        var party = Party()
        for element in names where party.name == nil {
            party.name = text(element, field: field + ".name")
        }
        for element in ids {
            guard let element, let id = text(element, field: field + ".id") else { continue }
            if party.id == nil {
                party.id = id
            } else if id != party.id {
                declaration.asFiled.set(element.name, id)
            }
        }
        guard !party.isEmpty else { return nil }
        party.country = country
        return party
    }

    /// Template text (`string`, `token`, `########`) anywhere in the record, not already reported
    /// while reading a field: `field.placeholder` (warning) at its line.
    mutating func reportPlaceholders(in record: XMLElement) {
        // The spots already reported are gathered when the first placeholder is met (most
        // records have none).
        var reported: Set<PlaceholderSpot>?
        withUnsafePointer(to: record) { reportPlaceholders(at: $0, reported: &reported) }
    }

    /// Visits each element in place, through pointers: a copy of an element retains and
    /// releases every reference it holds.
    private mutating func reportPlaceholders(at element: UnsafePointer<XMLElement>, reported: inout Set<PlaceholderSpot>?) {
        if element.pointee.children.isEmpty, Placeholder.mayBePlaceholder(untrimmed: element.pointee.text) {
            let text = element.pointee.trimmedText
            let key = PlaceholderSpot(line: element.pointee.line, column: .number(element.pointee.column))
            if Placeholder.isPlaceholder(text) {
                if reported == nil {
                    reported = Set(findings.filter { $0.rule == "field.placeholder" }.map { PlaceholderSpot(line: $0.line, column: $0.column) })
                }
                if !reported!.contains(key) {
                    reported!.insert(key)
                    finding("field.placeholder", "\(element.pointee.name) holds template text '\(text)' instead of a value", at: element.pointee, field: nil)
                }
            }
        }
        element.pointee.children.withUnsafeBufferPointer { children in
            guard let first = children.baseAddress else { return }
            for index in children.indices { reportPlaceholders(at: first + index, reported: &reported) }
        }
    }
}

extension DeclarationDraft {
    /// ``reportPlaceholders(in:)`` for a record read flat: the same findings in the same order
    /// (document order is the order of the flat record). Only the elements whose text starts
    /// like template text are read as text (``XMLFlatRecord/leaves(withTextStartingWith:)``).
    mutating func reportPlaceholders(in record: XMLFlatRecord) {
        var reported: Set<PlaceholderSpot>?
        for index in record.leaves(withTextStartingWith: Placeholder.mayStart(with:)) {
            let element = record.field(at: index)
            guard Placeholder.isPlaceholder(element.trimmedText) else { continue }
            let key = PlaceholderSpot(line: element.line, column: .number(element.column))
            if reported == nil {
                reported = Set(findings.filter { $0.rule == "field.placeholder" }.map { PlaceholderSpot(line: $0.line, column: $0.column) })
            }
            if !reported!.contains(key) {
                reported!.insert(key)
                finding("field.placeholder", "\(element.name) holds template text '\(element.trimmedText)' instead of a value", at: element, field: nil)
            }
        }
    }
}

/// Where a placeholder was reported, so the sweep does not report it twice.
private struct PlaceholderSpot: Hashable {
    var line: Int?
    var column: FindingColumn?
}
