/// The columns of the two plain CSV layouts of `SPEC.md` ("Its CSV forms"), by their snake_case
/// names, and what each holds.
///
/// Every header of a CSV file is mapped to one of these names (directly, through the built-in
/// synonyms of `Schemas/csv-headers.csv`, or through a `--mapping` file); a header that maps to
/// none is an unknown column, kept in `asFiled`.
public enum CSVField: String, Sendable, Hashable, CaseIterable {
    // Declarations layout: declaration columns.
    case id
    case declaringCountry = "declaring_country"
    case direction
    case procedure
    case customsOffice = "customs_office"
    case lodgedAt = "lodged_at"
    case transportMode = "transport_mode"
    case borderCrossing = "border_crossing"
    case transportDocumentType = "transport_document_type"
    case transportDocumentNumber = "transport_document_number"
    case containers
    case exporterName = "exporter_name"
    case exporterID = "exporter_id"
    case exporterCountry = "exporter_country"
    case importerName = "importer_name"
    case importerID = "importer_id"
    case importerCountry = "importer_country"
    case declarantName = "declarant_name"
    case declarantID = "declarant_id"
    case declarantCountry = "declarant_country"
    case invoiceNumber = "invoice_number"
    case invoiceCurrency = "invoice_currency"
    case invoiceAmount = "invoice_amount"
    case incoterm
    case totalGrossMassKg = "total_gross_mass_kg"
    case totalNetMassKg = "total_net_mass_kg"
    case totalPackages = "total_packages"
    case goodsItemCount = "goods_item_count"
    case riskChannel = "risk_channel"
    // Declarations layout: goods-item columns.
    case sequence
    case hsCode = "hs_code"
    case nationalCode = "national_code"
    case description
    case originCountry = "origin_country"
    case quantity
    case unit
    /// A quantity and its unit code in one cell (`1 250,5 166`), as China's 数量及单位 box.
    case quantityAndUnit = "quantity_and_unit"
    case grossMassKg = "gross_mass_kg"
    case netMassKg = "net_mass_kg"
    case packages
    case unitPrice = "unit_price"
    case value
    case currency
    // Events layout.
    case declarationID = "declaration_id"
    case milestone
    case at
    case zone
    case location

    /// Hashes the case, not its raw text: fields are looked up for every cell of a file.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ordinal)
    }

    public static func == (lhs: CSVField, rhs: CSVField) -> Bool { lhs.ordinal == rhs.ordinal }

    /// The case's position in `allCases` (the tag byte of this payload-free enum), for
    /// array-indexed lookups in the per-cell work.
    var ordinal: Int { Int(withUnsafeBytes(of: self) { $0[0] }) }

    static let count = allCases.count

    /// Goods-item columns: a row with any of them filed is a goods item.
    public var isGoodsItemColumn: Bool {
        switch self {
        case .sequence, .hsCode, .nationalCode, .description, .originCountry, .quantity, .unit, .quantityAndUnit,
             .grossMassKg, .netMassKg, .packages, .unitPrice, .value, .currency: true
        default: false
        }
    }

    /// Columns of the events layout.
    public var isEventColumn: Bool {
        switch self {
        case .declarationID, .milestone, .at, .zone, .location: true
        default: false
        }
    }

    /// Columns read as locale-formatted numbers (the file's number format applies).
    public var isNumber: Bool {
        switch self {
        case .invoiceAmount, .totalGrossMassKg, .totalNetMassKg, .totalPackages, .goodsItemCount,
             .sequence, .quantity, .grossMassKg, .netMassKg, .packages, .unitPrice, .value: true
        default: false
        }
    }

    /// The path of the value in the shared declaration, used in findings (`goodsItems[2].` is
    /// prefixed for goods-item columns).
    public var path: String {
        switch self {
        case .id: "id"
        case .declaringCountry: "declaringCountry"
        case .direction: "direction"
        case .procedure: "procedure"
        case .customsOffice: "customsOffice"
        case .lodgedAt: "lodgedAt"
        case .transportMode: "transportMode"
        case .borderCrossing: "borderCrossing"
        case .transportDocumentType: "transportDocuments[0].type"
        case .transportDocumentNumber: "transportDocuments[0].number"
        case .containers: "containers"
        case .exporterName: "exporter.name"
        case .exporterID: "exporter.id"
        case .exporterCountry: "exporter.country"
        case .importerName: "importer.name"
        case .importerID: "importer.id"
        case .importerCountry: "importer.country"
        case .declarantName: "declarant.name"
        case .declarantID: "declarant.id"
        case .declarantCountry: "declarant.country"
        case .invoiceNumber: "invoice.number"
        case .invoiceCurrency: "invoice.currency"
        case .invoiceAmount: "invoice.amount"
        case .incoterm: "incoterm"
        case .totalGrossMassKg: "totals.grossMassKg"
        case .totalNetMassKg: "totals.netMassKg"
        case .totalPackages: "totals.packages"
        case .goodsItemCount: "totals.goodsItemCount"
        case .riskChannel: "riskChannel"
        case .sequence: "sequence"
        case .hsCode: "hsCode"
        case .nationalCode: "nationalCode"
        case .description: "description"
        case .originCountry: "originCountry"
        case .quantity: "quantity"
        case .unit: "unit"
        case .quantityAndUnit: "quantity"
        case .grossMassKg: "grossMassKg"
        case .netMassKg: "netMassKg"
        case .packages: "packages"
        case .unitPrice: "unitPrice"
        case .value: "value"
        case .currency: "currency"
        case .declarationID: "id"
        case .milestone: "milestone"
        case .at: "at"
        case .zone: "zone"
        case .location: "location"
        }
    }
}
