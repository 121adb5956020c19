public import CustomsCore
public import Foundation

/// Mapping national codes to the shared (international) ones while reading a declaration.
///
/// Each helper reads the element's text, maps it through ``CodeLists`` (data from `Schemas/`),
/// keeps the raw text in `asFiled` under the element's name whenever the value was mapped or
/// converted, and reports what cannot be mapped as the matching `code.*` finding that names the
/// value found and the table it was looked up in. Nothing is guessed: an unmappable code leaves
/// the field absent.
extension DeclarationDraft {
    /// A country code → ISO 3166-1 alpha-2, read in `authority`'s system (`SPEC.md`).
    public mutating func country<Field: FiledField>(
        _ element: Field?, authority: CodeSystem?, codeLists: CodeLists, field: String, asFiled: inout AsFiled
    ) -> String? {
        guard let element, let raw = text(element, field: field) else { return nil }
        return resolved(
            codeLists.country(raw, authority: authority), raw: raw, element: element, field: field,
            rule: "code.country", what: "country", authority: authority, asFiled: &asFiled)
    }

    /// A currency code → ISO 4217 alpha, read in `authority`'s system.
    public mutating func currency<Field: FiledField>(
        _ element: Field?, authority: CodeSystem?, codeLists: CodeLists, field: String, asFiled: inout AsFiled
    ) -> String? {
        guard let element, let raw = text(element, field: field) else { return nil }
        return resolved(
            codeLists.currency(raw, authority: authority), raw: raw, element: element, field: field,
            rule: "code.currency", what: "currency", authority: authority, asFiled: &asFiled)
    }

    private mutating func resolved(
        _ resolution: CodeResolution, raw: String, element: some FiledField, field: String, rule: String, what: String,
        authority: CodeSystem?, asFiled: inout AsFiled
    ) -> String? {
        switch resolution {
        case let .resolved(value, _):
            if value != raw { asFiled.set(element.name, raw) }
            return value
        case let .ambiguous(china, iso):
            asFiled.set(element.name, raw)
            finding(rule, "\(element.name) '\(raw)' is \(china) in China customs' table and \(iso) in ISO numeric; the declaring authority's code system is not known", at: element, field: field)
            return nil
        case .unknown:
            asFiled.set(element.name, raw)
            let table = switch authority {
            case .china?: "China customs' \(what) table"
            case .eaeu?, .isoNumeric?: "ISO \(what == "country" ? "3166-1" : "4217")"
            default: "ISO or China customs' \(what) tables"
            }
            finding(rule, "\(element.name) '\(raw)' is not a \(what) code in \(table)", at: element, field: field)
            return nil
        }
    }

    /// A national unit → UN/ECE Rec 20 and the quantity in it (the unit's multiplier applied:
    /// 5 of China's 043 百个 is 500 H87). Returns `(unit, quantity)`; either may be `nil`.
    public mutating func unitAndQuantity<Field: FiledField>(
        unit unitElement: Field?, quantity quantityElement: Field?, system: CodeSystem, codeLists: CodeLists,
        field: String, asFiled: inout AsFiled
    ) -> (unit: String?, quantity: Decimal?) {
        let quantity = decimal(quantityElement, field: field + ".quantity")
        guard let unitElement, let raw = text(unitElement, field: field + ".unit") else { return (nil, quantity) }
        asFiled.set(unitElement.name, raw)
        switch codeLists.unit(raw, in: system) {
        case let .found(mapping):
            if let quantityElement, let quantity, mapping.factor != 1 {
                asFiled.set(quantityElement.name, quantityElement.trimmedText)
                return (mapping.rec20, quantity * mapping.factor)
            }
            return (mapping.rec20, quantity)
        case let .noCounterpart(note):
            finding("code.unit", "\(unitElement.name) '\(raw)' (\(note)) has no safe UN/ECE Rec 20 counterpart; the quantity is kept as filed in asFiled", at: unitElement, field: field + ".unit")
            if let quantityElement { asFiled.set(quantityElement.name, quantityElement.trimmedText) }
            return (nil, nil)
        case .unknown:
            finding("code.unit", "\(unitElement.name) '\(raw)' is not in the \(system == .china ? "China customs" : "OKEI") unit table", at: unitElement, field: field + ".unit")
            if let quantityElement { asFiled.set(quantityElement.name, quantityElement.trimmedText) }
            return (nil, nil)
        }
    }

    /// A national transport mode code → UN/ECE Rec 19 mode; a code that is not a mode of
    /// transport (a bonded movement, own propulsion) is omitted and kept in `asFiled`.
    public mutating func transportMode<Field: FiledField>(_ element: Field?, system: CodeSystem, codeLists: CodeLists, field: String = "transportMode") -> TransportMode? {
        guard let element, let raw = text(element, field: field) else { return nil }
        declaration.asFiled.set(element.name, raw)
        switch codeLists.transportMode(raw, in: system) {
        case let .found(mode): return mode
        case .noCounterpart: return nil
        case .unknown:
            let table = switch system {
            case .china: "China customs'"
            case .eaeu: "the EAEU"
            default: "the \(system.rawValue)"
            }
            finding("code.transport-mode", "\(element.name) '\(raw)' is not in \(table) transport mode table", at: element, field: field)
            return nil
        }
    }

    /// A national direction flag (`I`/`E`, `ИМ`/`ЭК`/`ТТ`) → direction; `code.direction` otherwise.
    public mutating func direction<Field: FiledField>(_ element: Field?, system: CodeSystem, codeLists: CodeLists) -> Direction? {
        guard let element, let raw = text(element, field: "direction") else { return nil }
        declaration.asFiled.set(element.name, raw)
        guard let direction = codeLists.direction(raw, in: system) else {
            let known = system == .china ? "I (import) or E (export)" : "ИМ, ЭК or ТТ (or IM, EK, TT)"
            finding("code.direction", "\(element.name) '\(raw)' is not a direction flag; expected \(known)", at: element, field: "direction")
            return nil
        }
        return direction
    }

    /// A local time without offset, read in the declaring authority's official zone
    /// (`Schemas/codelists/authority-zones.csv`). Returns the timestamp and true (zone assumed);
    /// a time that happened twice or never in that zone is `timing.ambiguous-local-time`.
    public mutating func localTime(
        _ local: LocalDateTime, country: String?, codeLists: CodeLists, element: some FiledField, field: String
    ) -> Timestamp? {
        guard let country, let zoneName = codeLists.authorityZones[country], let zone = TimeZone(identifier: zoneName) else {
            finding("field.invalid", "\(element.name) '\(element.trimmedText)' has no UTC offset and the declaring authority's time zone is not known", at: element, field: field)
            return nil
        }
        switch local.resolve(in: zone) {
        case let .exact(timestamp):
            return timestamp
        case let .ambiguous(earlier, later):
            finding("timing.ambiguous-local-time", "\(element.name) '\(element.trimmedText)' happened twice in \(zoneName) (\(earlier.rfc3339) and \(later.rfc3339)); it is not placed in time", at: element, field: field)
            return nil
        case .nonexistent:
            finding("timing.ambiguous-local-time", "\(element.name) '\(element.trimmedText)' never happened in \(zoneName) (clocks moved forward over it); it is not placed in time", at: element, field: field)
            return nil
        }
    }
}
