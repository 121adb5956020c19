/// The tables a country or currency code is read with (``CodeLists/country(_:authority:)``,
/// ``CodeLists/currency(_:authority:)``): the ISO alpha codes, and the numeric codes of China
/// customs and of ISO, each a ``CodeTable``.
struct CodeResolutionTables: Sendable {
    /// Each ISO alpha code, its own value.
    private let alpha: CodeTable<String>
    private let china: CodeTable<String>
    private let iso: CodeTable<String>

    init(alpha codes: Set<String>, china: [String: String], iso: [String: String]) {
        alpha = CodeTable(Dictionary(uniqueKeysWithValues: codes.map { ($0, $0) }))
        self.china = CodeTable(china)
        self.iso = CodeTable(iso)
    }

    /// An ISO alpha code of `alphaLength` characters, upper-cased, as is; a numeric code in
    /// `authority`'s system when it is known, otherwise in whichever of China customs / ISO
    /// numeric has it alone (`SPEC.md`).
    func resolve(_ code: String, alphaLength: Int, authority: CodeSystem?) -> CodeResolution {
        // Upper-cased for the alpha codes; a numeric code has no letters to upper-case, so the
        // same key reads the numeric tables.
        let key = CodeKey(code, uppercased: true)
        if let value = alphaCode(code, key: key, length: alphaLength) { return .resolved(value, system: nil) }
        guard key.isDigits else { return .unknown }
        switch authority {
        case .china?: return china[key, code].map { .resolved($0, system: .china) } ?? .unknown
        case .isoNumeric?, .eaeu?: return iso[key, code].map { .resolved($0, system: .isoNumeric) } ?? .unknown
        default:
            switch (china[key, code], iso[key, code]) {
            case let (value?, nil): return .resolved(value, system: .china)
            case let (nil, value?): return .resolved(value, system: .isoNumeric)
            case let (a?, b?): return a == b ? .resolved(a, system: nil) : .ambiguous(china: a, iso: b)
            case (nil, nil): return .unknown
            }
        }
    }

    /// `code.uppercased()` when the code has `length` characters and that is an ISO alpha code.
    private func alphaCode(_ code: String, key: CodeKey, length: Int) -> String? {
        // Plain ASCII is counted in bytes, without walking its characters.
        guard (key.isPlain ? key.byteCount : code.count) == length else { return nil }
        return alpha[key, code]
    }
}
