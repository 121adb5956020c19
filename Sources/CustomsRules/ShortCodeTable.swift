import CustomsCore

/// The ISO countries, ISO currencies and Rec 20 units of one ``CodeLists`` as bit sets over the
/// codes of two or three ASCII capital letters and digits, so that the code-list rules check
/// the common code without hashing a string. A code of another shape is looked up in the code
/// lists themselves. Made once for the code lists in use (``CodeListTables``).
final class ShortCodeTable: Sendable {
    let codeLists: CodeLists
    let countries: ShortCodeSet
    let currencies: ShortCodeSet
    let units: ShortCodeSet

    init(_ codeLists: CodeLists) {
        self.codeLists = codeLists
        countries = ShortCodeSet(codeLists.isoCountries)
        currencies = ShortCodeSet(codeLists.isoCurrencies)
        units = ShortCodeSet(codeLists.rec20Units.keys)
    }

    func isCountry(_ code: String) -> Bool { countries.contains(code) ?? codeLists.isoCountries.contains(code) }
    func isCurrency(_ code: String) -> Bool { currencies.contains(code) ?? codeLists.isoCurrencies.contains(code) }
    func isUnit(_ code: String) -> Bool { units.contains(code) ?? (codeLists.rec20Units[code] != nil) }
}

/// A set of the codes of two or three ASCII capital letters and digits, one bit each.
struct ShortCodeSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: ShortCodeKey.count / 64 + 1)

    init(_ codes: some Sequence<String>) {
        for code in codes {
            if let key = ShortCodeKey.of(code) { bits[key >> 6] |= 1 << UInt64(key & 63) }
        }
    }

    /// Whether `code` is in the set; `nil` when it is not of the shape the set holds (the
    /// caller looks it up in the code lists then).
    func contains(_ code: String) -> Bool? {
        guard let key = ShortCodeKey.of(code) else { return nil }
        return bits[key >> 6] & (1 << UInt64(key & 63)) != 0
    }
}
