/// The validation layer a rule belongs to, in the order the layers run.
public enum RuleLayer: String, Sendable, CaseIterable {
    case file = "file & syntax"
    case schema
    case fields
    case codeLists = "code lists"
    case consistency
    case timing
    case mirror
}

/// A rule code of the catalogue: its layer, default severity and a one-line description.
public struct RuleDescriptor: Sendable, Hashable {
    public let code: String
    public let layer: RuleLayer
    public let severity: Severity
    public let summary: String

    public init(_ code: String, _ layer: RuleLayer, _ severity: Severity, _ summary: String) {
        self.code = code
        self.layer = layer
        self.severity = severity
        self.summary = summary
    }
}

/// The rule catalogue: every finding code the product can report (`SPEC.md`, "Rule catalogue").
///
/// Codes and default severities are part of the product's contract: never rename one.
public enum RuleCatalogue {
    public static let all: [RuleDescriptor] = [
        .init("file.empty", .file, .error, "The file has no content."),
        .init("file.unreadable", .file, .error, "The file cannot be opened or read."),
        .init("file.limit", .file, .error, "The file is larger than the --max-file-size limit; it is not read."),
        .init("file.duplicate", .file, .warning, "The same content was already received under another name."),
        .init("format.unknown", .file, .error, "The content is not a declaration format the product reads."),
        .init("format.not-a-declaration", .file, .info, "A known customs message that is not a goods declaration (order, payment, waybill, receipt)."),
        .init("encoding.unsupported", .file, .error, "The character encoding is not supported or cannot be decided."),
        .init("encoding.invalid", .file, .error, "The bytes are not valid in the declared or detected encoding."),
        .init("xml.malformed", .file, .error, "The XML is not well-formed."),
        .init("xml.dtd-forbidden", .file, .error, "The document carries a DOCTYPE; declarations must not (entity attacks)."),
        .init("xml.include-forbidden", .file, .error, "The document carries an XInclude element; declarations must not, and it is never followed."),
        .init("xml.limit", .file, .error, "The document exceeds a safety limit (size, depth, text length)."),
        .init("csv.malformed", .file, .error, "The CSV structure is broken (field count, unclosed quote, interleaved declarations)."),
        .init("csv.header", .file, .error, "The CSV header lacks a required column or cannot be mapped."),
        .init("csv.column-unknown", .file, .info, "A CSV column matches no declaration field: its values are kept only as filed."),
        .init("findings.capped", .file, .warning, "Findings were cut at the --max-findings limit from this point on."),
        .init("schema.violation", .schema, .error, "The document does not conform to its XSD."),
        .init("schema.unavailable", .schema, .warning, "The XSD that declares the document's root element could not be compiled."),
        .init("field.missing", .fields, .error, "A required value is absent or empty."),
        .init("field.invalid", .fields, .error, "A value cannot be read exactly (number, date, time, identifier)."),
        .init("field.placeholder", .fields, .warning, "A value is template text (string, token, ########) rather than data."),
        .init("code.country", .codeLists, .error, "A country code is not in ISO 3166-1 or the declaring authority's table."),
        .init("code.currency", .codeLists, .error, "A currency code is not in ISO 4217 or the declaring authority's table."),
        .init("code.hs", .codeLists, .error, "The HS subheading does not exist in the edition in force on the lodgement date."),
        .init("code.hs-edition", .codeLists, .info, "The HS edition used when the lodgement date is unknown or older than the editions loaded."),
        .init("code.unit", .codeLists, .error, "A unit of measure is not in UN/ECE Rec 20 or the national unit table."),
        .init("code.transport-mode", .codeLists, .error, "A transport mode code is not in the source's code list."),
        .init("code.direction", .codeLists, .error, "The direction (import/export/transit flag) is not a known value."),
        .init("container.check-digit", .codeLists, .error, "A container number fails the ISO 6346 check digit or is not in ISO 6346 form."),
        .init("party.id-check", .codeLists, .warning, "An 18-character Chinese party id fails the USCC check character (GB 32100-2015)."),
        .init("mass.net-exceeds-gross", .consistency, .error, "Net mass is greater than gross mass."),
        .init("totals.mismatch", .consistency, .error, "A header total differs from the sum of the goods items."),
        .init("value.line-total", .consistency, .error, "Quantity × unit price differs from the line value."),
        .init("declaration.amended", .consistency, .info, "A later version of the declaration replaces an earlier one."),
        .init("timing.order", .timing, .error, "Milestones are out of order (a release before its lodgement)."),
        .init("timing.release-limit", .timing, .warning, "Release came later than the legal or target limit."),
        .init("timing.ambiguous-local-time", .timing, .warning, "A local time happened twice or never in its zone."),
        .init("calendar.missing", .timing, .warning, "No holiday calendar for a country and year that working time needs."),
        .init("timing.zone-assumed", .timing, .info, "A time without offset was read in the declaring authority's zone."),
        .init("mirror.hs", .mirror, .warning, "Export and import classify the same goods under different HS subheadings."),
        .init("mirror.mass", .mirror, .warning, "Export and import masses differ beyond the tolerance."),
        .init("mirror.packages", .mirror, .warning, "Export and import package counts differ."),
        .init("mirror.quantity", .mirror, .warning, "Export and import quantities differ beyond the tolerance."),
        .init("mirror.value", .mirror, .warning, "Export and import values differ beyond the tolerance."),
        .init("mirror.containers", .mirror, .warning, "Export and import list different containers."),
        .init("mirror.unmatched", .mirror, .info, "A declaration has no counterpart on the other side of the border."),
        .init("mirror.rate-missing", .mirror, .info, "No exchange rate to compare values in different currencies."),
    ]

    private static let byCode: [String: RuleDescriptor] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// The descriptor of a rule code, or `nil` when the code is not in the catalogue.
    public static func descriptor(_ code: String) -> RuleDescriptor? { byCode[code] }

    /// The default severity of a rule code; `.error` for an unknown code, so it is never hidden.
    public static func defaultSeverity(of code: String) -> Severity {
        byCode[code]?.severity ?? .error
    }
}
