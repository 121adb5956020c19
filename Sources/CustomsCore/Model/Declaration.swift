public import Foundation

/// The shared cross-border declaration: one declaration of one consignment, in the product's
/// own form, whatever format it arrived in (`SPEC.md`, "The shared cross-border declaration";
/// element names after the WCO Data Model classes).
///
/// A value the source does not carry stays `nil` (omitted in every output): no default country,
/// no midnight for a date-only value. Codes are international: ISO 3166-1 alpha-2 countries,
/// ISO 4217 alpha currencies, HS 6-digit subheadings, UN/ECE Rec 19 modes and Rec 20 units.
/// Masses are in kilograms; amounts in the unit of their currency.
public struct Declaration: Sendable, Hashable {
    /// The declaration number as filed, by the per-format fallback order (DOMAIN.md, "Field mapping").
    public var id: String?
    /// Unique and stable within its file: `id`, or `id`/file hash prefix plus `#n`. Set by the pipeline.
    public var key: String = ""
    /// `cbd-xml`, `cn-dec`, `cn-ceb`, `eaeu-esad`, `eu-ncts`, `wco-dms`, `csv`.
    public var sourceFormat: String
    /// As in the source: `DecMessage`, `CEB603`, `CC015C`, `ESADout_CU`, ...
    public var messageType: String?
    /// ISO 3166-1 alpha-2 country of the declaring authority.
    public var declaringCountry: String?
    public var direction: Direction?
    /// Procedure or trade-mode code as filed.
    public var procedure: String?
    /// Office of declaration, as filed.
    public var customsOffice: String?
    /// Lodgement date, `YYYY-MM-DD`.
    public var lodgedOn: String?
    /// Lodgement time, only when the source has a time.
    public var lodgedAt: Timestamp?
    /// UN/ECE Rec 19 mode at the border.
    public var transportMode: TransportMode?
    /// An id of the border crossing table (`Schemas/border-crossings.csv`), e.g. `dostyk-alashankou`.
    public var borderCrossing: String?
    public var transportDocuments: [TransportDocument] = []
    /// ISO 6346 container numbers as filed, upper case, no spaces.
    public var containers: [String] = []
    public var exporter: Party?
    public var importer: Party?
    public var declarant: Party?
    public var invoice: Invoice?
    /// Incoterms 2020 code.
    public var incoterm: String?
    /// Header totals as declared, not recomputed.
    public var totals: Totals?
    public var riskChannel: RiskChannel?
    public var events: [Event] = []
    public var goodsItems: [GoodsItem] = []
    /// Source element (or column) name → raw text, for every value mapped or converted.
    public var asFiled = AsFiled()
    /// Where the declaration starts in its file.
    public var source: SourceLocation
    /// The `asFiled` names (on the declaration and its goods items) that hold personal data of a
    /// private person; masked in every output except `harmonize`'s `asFiled`.
    public var personalData: Set<String> = []

    public init(sourceFormat: String, source: SourceLocation) {
        self.sourceFormat = sourceFormat
        self.source = source
    }
}

/// Where a declaration starts: the file and a line (XML) or row (CSV), both 1-based.
public struct SourceLocation: Sendable, Hashable {
    public var file: String
    public var line: Int?
    public var row: Int?

    public init(file: String, line: Int? = nil, row: Int? = nil) {
        self.file = file
        self.line = line
        self.row = row
    }
}

public enum Direction: String, Sendable, Hashable, CaseIterable {
    case export
    case `import`
    case transit
}

/// A mode of transport as UN/ECE Recommendation 19 names it.
public enum TransportMode: String, Sendable, Hashable, CaseIterable {
    case sea
    case rail
    case road
    case air
    case mail
    case multimodal
    case fixedInstallation = "fixed-installation"
    case inlandWaterway = "inland-waterway"

    /// The Rec 19 code digit: 1 sea, 2 rail, 3 road, 4 air, 5 mail, 6 multimodal,
    /// 7 fixed installation, 8 inland waterway.
    public var rec19Code: String {
        switch self {
        case .sea: "1"
        case .rail: "2"
        case .road: "3"
        case .air: "4"
        case .mail: "5"
        case .multimodal: "6"
        case .fixedInstallation: "7"
        case .inlandWaterway: "8"
        }
    }

    public init?(rec19Code: String) {
        guard let mode = TransportMode.allCases.first(where: { $0.rec19Code == rec19Code }) else { return nil }
        self = mode
    }
}

public enum RiskChannel: String, Sendable, Hashable, CaseIterable {
    case green, yellow, red, blue
}

/// A transport document: `SMGS`, `CIM-SMGS`, `CMR`, `TIR`, `BL`, `AWB`, `waybill` or `other`.
public struct TransportDocument: Sendable, Hashable {
    public static let types = ["SMGS", "CIM-SMGS", "CMR", "TIR", "BL", "AWB", "waybill", "other"]
    public var type: String
    public var number: String

    public init(type: String, number: String) {
        self.type = type
        self.number = number
    }
}

/// A party: exporter (consignor), importer (consignee) or declarant.
public struct Party: Sendable, Hashable {
    public var name: String?
    /// As filed: USCC, 10-digit Chinese customs code, BIN, EORI.
    public var id: String?
    /// ISO 3166-1 alpha-2.
    public var country: String?

    public init(name: String? = nil, id: String? = nil, country: String? = nil) {
        self.name = name
        self.id = id
        self.country = country
    }

    public var isEmpty: Bool { name == nil && id == nil && country == nil }
}

public struct Invoice: Sendable, Hashable {
    public var number: String?
    /// ISO 4217 alpha.
    public var currency: String?
    public var amount: Decimal?

    public init(number: String? = nil, currency: String? = nil, amount: Decimal? = nil) {
        self.number = number
        self.currency = currency
        self.amount = amount
    }

    public var isEmpty: Bool { number == nil && currency == nil && amount == nil }
}

/// Header totals as declared.
public struct Totals: Sendable, Hashable {
    public var grossMassKg: Decimal?
    public var netMassKg: Decimal?
    public var packages: Decimal?
    public var goodsItemCount: Int?

    public init(grossMassKg: Decimal? = nil, netMassKg: Decimal? = nil, packages: Decimal? = nil, goodsItemCount: Int? = nil) {
        self.grossMassKg = grossMassKg
        self.netMassKg = netMassKg
        self.packages = packages
        self.goodsItemCount = goodsItemCount
    }

    public var isEmpty: Bool { grossMassKg == nil && netMassKg == nil && packages == nil && goodsItemCount == nil }
}

/// A clearance milestone (WCO Time Release Study).
public struct Event: Sendable, Hashable {
    public static let milestones = [
        "arrival", "lodgement", "acceptance", "inspection-start", "inspection-end", "release", "exit", "transshipment",
    ]
    public var milestone: String
    public var at: Timestamp
    public var location: String?
    /// True when the source had no offset and the declaring authority's zone was assumed.
    public var zoneAssumed: Bool

    public init(milestone: String, at: Timestamp, location: String? = nil, zoneAssumed: Bool = false) {
        self.milestone = milestone
        self.at = at
        self.location = location
        self.zoneAssumed = zoneAssumed
    }
}
