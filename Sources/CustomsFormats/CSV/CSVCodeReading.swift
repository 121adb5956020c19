public import CustomsCore
public import Foundation

/// Mapping the codes of CSV cells through the same ``CodeLists`` as the XML adapters: a China
/// customs currency `502` is USD, an OKEI `166` is KGM. Numeric codes are read in the declaring
/// authority's system when the file says which (`declaring_country`), otherwise in the one
/// system that has them alone; anything else is the matching `code.*` finding, never a guess.
/// Mapped values keep their text in `asFiled` under the column's header.
extension DeclarationDraft {
    /// A country code (alpha-2, China customs or ISO numeric) → ISO 3166-1 alpha-2.
    public mutating func country(_ cell: CSVCell?, authority: CodeSystem?, codeLists: CodeLists, asFiled: inout AsFiled) -> String? {
        guard let cell, let raw = text(cell) else { return nil }
        return resolved(codeLists.country(raw, authority: authority), cell: cell, raw: raw, rule: "code.country", what: "country", asFiled: &asFiled)
    }

    /// A currency code (ISO alpha, China customs or ISO numeric) → ISO 4217 alpha.
    public mutating func currency(_ cell: CSVCell?, authority: CodeSystem?, codeLists: CodeLists, asFiled: inout AsFiled) -> String? {
        guard let cell, let raw = text(cell) else { return nil }
        return resolved(codeLists.currency(raw, authority: authority), cell: cell, raw: raw, rule: "code.currency", what: "currency", asFiled: &asFiled)
    }

    private mutating func resolved(
        _ resolution: CodeResolution, cell: CSVCell, raw: String, rule: String, what: String, asFiled: inout AsFiled
    ) -> String? {
        switch resolution {
        case let .resolved(value, _):
            if value != raw { asFiled.set(cell.header, raw) }
            return value
        case let .ambiguous(china, iso):
            asFiled.set(cell.header, raw)
            finding(rule, "\(cell.header) '\(raw)' is \(china) in China customs' table and \(iso) in ISO numeric; add a declaring_country column to say which system the file uses", at: cell)
            return nil
        case .unknown:
            asFiled.set(cell.header, raw)
            finding(rule, "\(cell.header) '\(raw)' is not a \(what) code in ISO or China customs' \(what) tables", at: cell)
            return nil
        }
    }

    /// A unit (UN/ECE Rec 20, China customs or OKEI code) and the quantity in it, the national
    /// unit's multiplier applied.
    mutating func unitAndQuantity(
        unit cell: CSVCell?, quantity: Decimal?, quantityCell: CSVCell?, authority: CodeSystem?, codeLists: CodeLists,
        rec20: Set<String>, asFiled: inout AsFiled
    ) -> (unit: String?, quantity: Decimal?) {
        guard let cell, let raw = text(cell) else { return (nil, quantity) }
        if rec20.contains(raw.uppercased()) { return (raw.uppercased(), quantity) }
        asFiled.set(cell.header, raw)
        let systems: [CodeSystem] = authority.map { $0 == .china ? [.china] : [.eaeu] } ?? [.china, .eaeu]
        var found: [(CodeSystem, UnitMapping)] = []
        var noCounterpart: String?
        for system in systems {
            switch codeLists.unit(raw, in: system) {
            case let .found(mapping): found.append((system, mapping))
            case let .noCounterpart(note): noCounterpart = note
            case .unknown: break
            }
        }
        if found.count == 2, found[0].1 != found[1].1 {
            finding("code.unit", "\(cell.header) '\(raw)' is \(found[0].1.rec20) in China customs' unit table and \(found[1].1.rec20) in OKEI; add a declaring_country column to say which system the file uses", at: cell)
            return (nil, nil)
        }
        if let (_, mapping) = found.first {
            if let quantity, mapping.factor != 1 {
                if let quantityCell { asFiled.set(quantityCell.header, quantityCell.text) }
                return (mapping.rec20, quantity * mapping.factor)
            }
            return (mapping.rec20, quantity)
        }
        if let quantityCell { asFiled.set(quantityCell.header, quantityCell.text) }
        if let noCounterpart {
            finding("code.unit", "\(cell.header) '\(raw)' (\(noCounterpart)) has no safe UN/ECE Rec 20 counterpart; the quantity is kept as filed in asFiled", at: cell)
        } else {
            finding("code.unit", "\(cell.header) '\(raw)' is not a UN/ECE Rec 20 code nor in the China customs or OKEI unit tables", at: cell)
        }
        return (nil, nil)
    }

    /// `sea`, `rail`, ... as is; a national code in the authority's table. A numeric code with no
    /// known authority is not read (China's 2 is sea, Rec 19's 2 is rail).
    mutating func transportMode(_ cell: CSVCell?, authority: CodeSystem?, codeLists: CodeLists) -> TransportMode? {
        guard let cell, let raw = text(cell) else { return nil }
        if let mode = TransportMode(rawValue: raw.lowercased()) { return mode }
        declaration.asFiled.set(cell.header, raw)
        guard let authority else {
            finding("code.transport-mode", "\(cell.header) '\(raw)' is not a transport mode name (sea, rail, road, air, mail, ...); a code needs a declaring_country column to say which table it is from", at: cell)
            return nil
        }
        switch codeLists.transportMode(raw, in: authority) {
        case let .found(mode): return mode
        case .noCounterpart: return nil
        case .unknown:
            finding("code.transport-mode", "\(cell.header) '\(raw)' is not in the \(authority.rawValue) transport mode table", at: cell)
            return nil
        }
    }

    /// `export`/`import`/`transit`, or a national flag (`E`/`I`, `ЭК`/`ИМ`/`ТТ`).
    mutating func direction(_ cell: CSVCell?, codeLists: CodeLists) -> Direction? {
        guard let cell, let raw = text(cell) else { return nil }
        if let direction = Direction(rawValue: raw.lowercased()) { return direction }
        declaration.asFiled.set(cell.header, raw)
        if let direction = codeLists.direction(raw, in: .china) ?? codeLists.direction(raw.uppercased(), in: .eaeu) {
            return direction
        }
        finding("code.direction", "\(cell.header) '\(raw)' is not a direction; expected export, import, transit, E/I or ЭК/ИМ/ТТ", at: cell)
        return nil
    }
}

extension CodeLists {
    /// The UN/ECE Rec 20 codes the unit tables map to (the codes a CSV may carry as they are).
    func rec20Codes() -> Set<String> {
        var codes = Set<String>()
        for number in 0..<1000 {
            let code = number < 10 ? "00\(number)" : number < 100 ? "0\(number)" : "\(number)"
            for system in [CodeSystem.china, .eaeu] {
                if case let .found(mapping) = unit(code, in: system) { codes.insert(mapping.rec20) }
            }
        }
        return codes
    }

    /// The code system of a declaring authority: China's tables for CN, the EAEU classifiers for
    /// the Union's members; `nil` otherwise.
    static func authority(of country: String?) -> CodeSystem? {
        switch country {
        case "CN"?: .china
        case "KZ"?, "RU"?, "BY"?, "AM"?, "KG"?: .eaeu
        default: nil
        }
    }
}
