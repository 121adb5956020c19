public import Foundation

/// A national or international code system a value may be filed in.
public enum CodeSystem: String, Sendable, Hashable {
    /// China customs (GACC) tables: 3-digit countries, currencies and units, TrafMode, IEFlag.
    case china = "cn"
    /// EAEU classifiers: OKEI units, transport modes 10/20/30..., CustomsProcedure.
    case eaeu
    /// ISO 3166-1 numeric / ISO 4217 numeric.
    case isoNumeric = "iso"
    /// UN/ECE Recommendation 19.
    case rec19
    /// WCO Data Model declaration type codes (`TypeCode` EX…/IM…).
    case wco
}

/// The outcome of looking a code up.
public enum CodeLookup<Value: Sendable & Hashable>: Sendable, Hashable {
    case found(Value)
    /// The code exists in its table but has no counterpart in the shared system (a bonded
    /// movement is no transport mode; a unit with no safe Rec 20 mapping).
    case noCounterpart(note: String)
    case unknown
}

/// A UN/ECE Rec 20 unit and the multiplier from the national unit into it (043 百个 → H87 × 100).
public struct UnitMapping: Sendable, Hashable {
    public var rec20: String
    public var factor: Decimal

    public init(rec20: String, factor: Decimal) {
        self.rec20 = rec20
        self.factor = factor
    }
}

/// The code tables of `Schemas/` (their sources in `Schemas/SOURCES.md`), loaded once at run
/// time and shared read-only.
public final class CodeLists: Sendable {
    public let chinaCountries: [String: String]
    public let chinaCurrencies: [String: String]
    public let isoCountries: Set<String>
    public let isoCountryByNumeric: [String: String]
    public let isoCurrencies: Set<String>
    public let isoCurrencyByNumeric: [String: String]
    /// UN/ECE Recommendation 20 common codes → unit name (`Schemas/codelists/rec20-units.csv`).
    public let rec20Units: [String: String]
    let units: CodeSystemTables<CodeLookup<UnitMapping>>
    let modes: CodeSystemTables<CodeLookup<TransportMode>>
    let directions: CodeSystemTables<Direction>
    /// The tables ``country(_:authority:)`` and ``currency(_:authority:)`` read: the ISO alpha
    /// codes (each its own value) and the numeric codes of China customs and ISO.
    let countryTables: CodeResolutionTables
    let currencyTables: CodeResolutionTables
    public let chinaIncoterms: [String: CodeLookup<String>]
    public let authorityZones: [String: String]
    public let borderCrossings: [BorderCrossing]
    /// HS editions by year of entry into force: 2017 → 6-digit subheadings.
    public let hsEditions: [Int: Set<String>]

    /// Loads every table from `directory` (the project's `Schemas/`). Throws when a table is missing.
    public init(directory: URL) throws {
        func table(_ name: String) throws -> [[String: String]] {
            let url = directory.appendingPathComponent(name)
            return DelimitedTable.records(try String(contentsOf: url, encoding: .utf8))
        }
        func mapping(_ rows: [[String: String]], _ key: String, _ value: String) -> [String: String] {
            var result: [String: String] = [:]
            for row in rows {
                if let k = row[key], let v = row[value], !k.isEmpty, !v.isEmpty { result[k] = v }
            }
            return result
        }
        chinaCountries = mapping(try table("codelists/cn-customs-countries.csv"), "cn_code", "iso_alpha2")
        chinaCurrencies = mapping(try table("codelists/cn-customs-currencies.csv"), "cn_code", "iso_alpha3")
        let countries = try table("codelists/iso-3166-countries.csv")
        isoCountries = Set(countries.compactMap { $0["alpha2"] })
        isoCountryByNumeric = mapping(countries, "numeric", "alpha2")
        let currencies = try table("codelists/iso-4217-currencies.csv")
        isoCurrencies = Set(currencies.filter { $0["withdrawn"] != "yes" }.compactMap { $0["alpha"] })
        isoCurrencyByNumeric = mapping(currencies.filter { $0["withdrawn"] != "yes" }, "numeric", "alpha")
        rec20Units = mapping(try table("codelists/rec20-units.csv"), "code", "name")

        func unitTable(_ rows: [[String: String]], code: String) -> [String: CodeLookup<UnitMapping>] {
            var result: [String: CodeLookup<UnitMapping>] = [:]
            for row in rows {
                guard let key = row[code], !key.isEmpty else { continue }
                if let rec20 = row["rec20"], !rec20.isEmpty, let factor = ExactDecimal.parse(row["factor"] ?? "") {
                    result[key] = .found(UnitMapping(rec20: rec20, factor: factor))
                } else {
                    result[key] = .noCounterpart(note: row["name_zh"] ?? row["name_ru"] ?? "")
                }
            }
            return result
        }
        units = CodeSystemTables([
            .china: unitTable(try table("codelists/cn-customs-units.csv"), code: "cn_code"),
            .eaeu: unitTable(try table("codelists/okei-units.csv"), code: "okei_code"),
        ])
        var modes: [CodeSystem: [String: CodeLookup<TransportMode>]] = [:]
        for row in try table("codelists/transport-modes.csv") {
            guard let system = row["system"].flatMap(CodeSystem.init(rawValue:)), let code = row["code"] else { continue }
            if let mode = row["mode"].flatMap(TransportMode.init(rawValue:)) {
                modes[system, default: [:]][code] = .found(mode)
            } else {
                modes[system, default: [:]][code] = .noCounterpart(note: row["note"] ?? "")
            }
        }
        self.modes = CodeSystemTables(modes)
        var directions: [CodeSystem: [String: Direction]] = [:]
        for row in try table("codelists/directions.csv") {
            guard let system = row["system"].flatMap(CodeSystem.init(rawValue:)), let code = row["code"],
                  let direction = row["direction"].flatMap(Direction.init(rawValue:)) else { continue }
            directions[system, default: [:]][code] = direction
        }
        self.directions = CodeSystemTables(directions)
        var incoterms: [String: CodeLookup<String>] = [:]
        for row in try table("codelists/cn-transaction-modes.csv") {
            guard let code = row["cn_code"] else { continue }
            if let term = row["incoterm"], !term.isEmpty { incoterms[code] = .found(term) }
            else { incoterms[code] = .noCounterpart(note: row["name_zh"] ?? "") }
        }
        chinaIncoterms = incoterms
        authorityZones = mapping(try table("codelists/authority-zones.csv"), "country", "zone")
        borderCrossings = try table("border-crossings.csv").compactMap(BorderCrossing.init(row:))
        // The HS tables are most of the code lists' bytes: their rows are read by column
        // position, without a dictionary per row.
        func subheadings(_ name: String) throws -> Set<String> {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            var codes = Set<String>()
            // The last column of a name, as a record keyed by the header row has it; -1 when the
            // header has none (no subheading is read), `nil` until the header row is read.
            var columns: (code: Int, level: Int)?
            DelimitedTable.forEachRow(text, columns: ["hscode", "level"]) { row in
                guard let (code, level) = columns else {
                    columns = (row.lastIndex(of: "hscode") ?? -1, row.lastIndex(of: "level") ?? -1)
                    return
                }
                if code >= 0, level >= 0, code < row.count, level < row.count, row[level] == "6" { codes.insert(row[code]) }
            }
            return codes
        }
        var editions: [Int: Set<String>] = [:]
        for (year, file) in [(2017, "codelists/harmonized-system-2017.csv"), (2022, "codelists/harmonized-system-2022.csv")] {
            editions[year] = try subheadings(file)
        }
        hsEditions = editions
        countryTables = CodeResolutionTables(alpha: isoCountries, china: chinaCountries, iso: isoCountryByNumeric)
        currencyTables = CodeResolutionTables(alpha: isoCurrencies, china: chinaCurrencies, iso: isoCurrencyByNumeric)
    }

    public func unit(_ code: String, in system: CodeSystem) -> CodeLookup<UnitMapping> {
        units[system, code] ?? .unknown
    }

    public func transportMode(_ code: String, in system: CodeSystem) -> CodeLookup<TransportMode> {
        modes[system, code] ?? .unknown
    }

    public func direction(_ code: String, in system: CodeSystem) -> Direction? {
        directions[system, code]
    }

    /// Reads a country code: ISO alpha-2 as is; a numeric code in `authority`'s system when it is
    /// known, otherwise in whichever of China customs / ISO numeric has it alone (`SPEC.md`).
    public func country(_ code: String, authority: CodeSystem?) -> CodeResolution {
        countryTables.resolve(code, alphaLength: 2, authority: authority)
    }

    /// Reads a currency code the same way: ISO 4217 alpha as is, numeric by the authority's system.
    public func currency(_ code: String, authority: CodeSystem?) -> CodeResolution {
        currencyTables.resolve(code, alphaLength: 3, authority: authority)
    }

    /// The border crossing that a customs office code identifies, on either side.
    public func borderCrossing(office: String) -> BorderCrossing? {
        borderCrossings.first { $0.officeCodes.contains(office) }
    }
}

/// The outcome of reading a country or currency code.
public enum CodeResolution: Sendable, Hashable {
    case resolved(String, system: CodeSystem?)
    /// A numeric code that means one thing in China's table and another in ISO numeric.
    case ambiguous(china: String, iso: String)
    case unknown

    public var value: String? {
        if case let .resolved(value, _) = self { return value }
        return nil
    }
}

/// A border crossing point of the corridor (`Schemas/border-crossings.csv`).
public struct BorderCrossing: Sendable, Hashable {
    public var id: String
    public var mode: String
    public var officeCodes: Set<String>
    public var zoneChina: String
    public var zoneKazakhstan: String

    init?(row: [String: String]) {
        guard let id = row["id"], !id.isEmpty else { return nil }
        self.id = id
        mode = row["mode"] ?? ""
        let codes = (row["cn_office_codes"] ?? "") + " " + (row["kz_office_codes"] ?? "")
        officeCodes = Set(codes.split(separator: " ").map(String.init))
        zoneChina = row["zone_cn"] ?? "Asia/Shanghai"
        zoneKazakhstan = row["zone_kz"] ?? "Asia/Almaty"
    }
}
