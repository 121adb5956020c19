public import CustomsCore
public import CustomsXML

/// Reading date-times and other small shapes shared by the EAEU, NCTS and WCO adapters.
extension DeclarationDraft {
    /// A date-time as filed: RFC 3339 with an offset is taken as it is; a local time without an
    /// offset (`2024-05-02T22:29:06`) is placed in the declaring authority's zone
    /// (`Schemas/codelists/authority-zones.csv`) and reported as `timing.zone-assumed` (info).
    ///
    /// Returns the instant (when it can be placed), the local calendar date and time as filed
    /// (for `lodgedOn`, even when the zone is unknown) and whether the zone was assumed. The raw
    /// text is kept in `asFiled` under `asFiledName`. Findings: `field.invalid` for text that is
    /// not a date-time, or a local time whose authority zone is unknown;
    /// `timing.ambiguous-local-time` for a local time that happened twice or never.
    public mutating func dateTime(
        _ element: XMLElement?, country: String?, codeLists: CodeLists, field: String, asFiledName: String? = nil
    ) -> (timestamp: Timestamp?, local: LocalDateTime?, zoneAssumed: Bool) {
        guard let element, let raw = text(element, field: field) else { return (nil, nil, false) }
        declaration.asFiled.set(asFiledName ?? element.name, raw)
        if let stamped = Timestamp.parseRFC3339(raw) {
            return (stamped, stamped.local, false)
        }
        guard raw.count > 10, let local = LocalDateTime.parseISO(raw) else {
            finding("field.invalid", "\(element.name) '\(raw)' is not a date and time (YYYY-MM-DDTHH:MM:SS)", at: element, field: field)
            return (nil, nil, false)
        }
        guard let timestamp = localTime(local, country: country, codeLists: codeLists, element: element, field: field) else {
            return (nil, local, false)
        }
        let zone = country.flatMap { codeLists.authorityZones[$0] } ?? ""
        finding(
            "timing.zone-assumed",
            "\(element.name) '\(raw)' has no UTC offset; read in \(zone), the zone of the declaring authority (\(country ?? "")): \(timestamp.rfc3339)",
            at: element, field: field)
        return (timestamp, local, true)
    }

    /// Adds a container number as filed, upper case and without spaces, once.
    public mutating func addContainer(_ element: XMLElement?, field: String = "containers") {
        guard let element, let raw = text(element, field: field) else { return }
        let id = String(raw.uppercased().filter { $0 != " " && $0 != "\u{A0}" })
        if id != raw { declaration.asFiled.set(element.name, raw) }
        if !declaration.containers.contains(id) { declaration.containers.append(id) }
    }
}

extension XMLElement {
    /// The same element under another name, so that `asFiled` entries and messages say which
    /// element of several with one local name (`CustomsCountryCode`) a value came from.
    public func named(_ name: String) -> XMLElement {
        var copy = self
        copy.name = name
        return copy
    }
}

extension DeclarationDraft {
    /// ``country(_:authority:codeLists:field:asFiled:)`` keeping the raw code in the
    /// declaration's own `asFiled`.
    public mutating func headerCountry(_ element: XMLElement?, authority: CodeSystem?, codeLists: CodeLists, field: String) -> String? {
        var asFiled = declaration.asFiled
        let value = country(element, authority: authority, codeLists: codeLists, field: field, asFiled: &asFiled)
        declaration.asFiled = asFiled
        return value
    }

    /// ``currency(_:authority:codeLists:field:asFiled:)`` keeping the raw code in the
    /// declaration's own `asFiled`.
    public mutating func headerCurrency(_ element: XMLElement?, authority: CodeSystem?, codeLists: CodeLists, field: String) -> String? {
        var asFiled = declaration.asFiled
        let value = currency(element, authority: authority, codeLists: codeLists, field: field, asFiled: &asFiled)
        declaration.asFiled = asFiled
        return value
    }
}
