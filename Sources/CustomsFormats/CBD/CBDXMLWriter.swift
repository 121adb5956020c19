public import CustomsCore
import Foundation

/// Writes shared declarations as cbd-xml (`Schemas/cbd.xsd`, namespace ``CBDXML/namespace``).
///
/// What `customs harmonize --format xml` prints; ``CBDXMLAdapter`` reads it back to the same
/// declarations. Personal data is written unmasked only when `maskPersonalData` is false.
public struct CBDXMLWriter: Sendable {
    public var maskPersonalData: Bool

    public init(maskPersonalData: Bool = false) {
        self.maskPersonalData = maskPersonalData
    }

    public func document(_ declarations: [Declaration]) -> String {
        var xml = XMLTextWriter()
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        xml.open("Declarations", attributes: [("xmlns", CBDXML.namespace)])
        for declaration in declarations { write(declaration, to: &xml) }
        xml.close("Declarations")
        return xml.output
    }

    func write(_ d: Declaration, to xml: inout XMLTextWriter) {
        xml.open("Declaration")
        xml.leaf("ID", d.id)
        xml.leaf("SourceFormat", d.sourceFormat)
        xml.leaf("MessageType", d.messageType)
        xml.leaf("DeclaringCountryCode", d.declaringCountry)
        xml.leaf("Direction", d.direction?.rawValue)
        xml.leaf("ProcedureCode", d.procedure)
        xml.leaf("DeclarationOfficeID", d.customsOffice)
        xml.leaf("LodgementDate", d.lodgedOn)
        xml.leaf("LodgementDateTime", d.lodgedAt?.rfc3339)
        xml.leaf("BorderTransportModeCode", d.transportMode?.rawValue)
        xml.leaf("BorderCrossingID", d.borderCrossing)
        for document in d.transportDocuments {
            xml.open("TransportContractDocument")
            xml.leaf("TypeCode", document.type)
            xml.leaf("ID", document.number)
            xml.close("TransportContractDocument")
        }
        party("Exporter", d.exporter, to: &xml)
        party("Importer", d.importer, to: &xml)
        party("Declarant", d.declarant, to: &xml)
        if let invoice = d.invoice, !invoice.isEmpty {
            xml.open("Invoice")
            xml.leaf("ID", invoice.number)
            xml.leaf("CurrencyCode", invoice.currency)
            xml.leaf("Amount", invoice.amount.map(ExactDecimal.format))
            xml.close("Invoice")
        }
        xml.leaf("IncotermCode", d.incoterm)
        xml.leaf("TotalGrossMassMeasure", d.totals?.grossMassKg.map(ExactDecimal.format))
        xml.leaf("TotalNetMassMeasure", d.totals?.netMassKg.map(ExactDecimal.format))
        xml.leaf("TotalPackageQuantity", d.totals?.packages.map(ExactDecimal.format))
        xml.leaf("GoodsItemQuantity", d.totals?.goodsItemCount.map(String.init))
        xml.leaf("RiskChannelCode", d.riskChannel?.rawValue)
        for event in d.events {
            xml.open("StatusEvent")
            xml.leaf("Milestone", event.milestone)
            xml.leaf("DateTime", event.at.rfc3339)
            xml.leaf("Location", event.location)
            xml.leaf("ZoneAssumed", event.zoneAssumed ? "true" : nil)
            xml.close("StatusEvent")
        }
        if !d.containers.isEmpty || !d.goodsItems.isEmpty {
            xml.open("GoodsShipment")
            if !d.containers.isEmpty {
                xml.open("Consignment")
                for container in d.containers {
                    xml.open("TransportEquipment")
                    xml.leaf("ID", container)
                    xml.close("TransportEquipment")
                }
                xml.close("Consignment")
            }
            for item in d.goodsItems { goodsItem(item, personal: d.personalData, to: &xml) }
            xml.close("GoodsShipment")
        }
        asFiled(d.asFiled, personal: d.personalData, to: &xml)
        xml.close("Declaration")
    }

    func goodsItem(_ item: GoodsItem, personal: Set<String>, to xml: inout XMLTextWriter) {
        xml.open("GovernmentAgencyGoodsItem")
        xml.leaf("SequenceNumeric", item.sequence.map(String.init))
        xml.leaf("HSSubheadingCode", item.hsCode)
        xml.leaf("NationalCommodityCode", item.nationalCode)
        xml.leaf("Description", item.description)
        xml.leaf("OriginCountryCode", item.originCountry)
        xml.leaf("Quantity", item.quantity.map(ExactDecimal.format))
        xml.leaf("UnitCode", item.unit)
        xml.leaf("GrossMassMeasure", item.grossMassKg.map(ExactDecimal.format))
        xml.leaf("NetMassMeasure", item.netMassKg.map(ExactDecimal.format))
        xml.leaf("PackageQuantity", item.packages.map(ExactDecimal.format))
        xml.leaf("UnitPriceAmount", item.unitPrice.map { ExactDecimal.format($0, decimals: item.unitPriceDecimals) })
        xml.leaf("ValueAmount", item.value.map(ExactDecimal.format))
        xml.leaf("CurrencyCode", item.currency)
        asFiled(item.asFiled, personal: personal, to: &xml)
        xml.close("GovernmentAgencyGoodsItem")
    }

    func party(_ element: String, _ party: Party?, to xml: inout XMLTextWriter) {
        guard let party, !party.isEmpty else { return }
        xml.open(element)
        xml.leaf("Name", party.name)
        xml.leaf("ID", party.id)
        xml.leaf("CountryCode", party.country)
        xml.close(element)
    }

    func asFiled(_ asFiled: AsFiled, personal: Set<String>, to xml: inout XMLTextWriter) {
        guard !asFiled.isEmpty else { return }
        xml.open("AsFiled")
        for entry in asFiled.entries {
            let masked = maskPersonalData && personal.contains(PersonalData.baseName(entry.name))
            xml.leaf("Value", masked ? PersonalData.mask(entry.raw) : entry.raw, attributes: [("name", entry.name)], keepEmpty: true)
        }
        xml.close("AsFiled")
    }
}

/// The cbd-xml namespace and element names shared by the writer and the adapter.
public enum CBDXML {
    public static let namespace = "urn:customs-corridor:cbd:1"
}

/// Indented XML text with escaping; no dependencies.
struct XMLTextWriter {
    var output = ""
    private var depth = 0

    mutating func raw(_ text: String) { output += text }

    mutating func open(_ name: String, attributes: [(String, String)] = []) {
        indent()
        output += "<" + name + attributeText(attributes) + ">\n"
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        indent()
        output += "</" + name + ">\n"
    }

    mutating func leaf(_ name: String, _ value: String?, attributes: [(String, String)] = [], keepEmpty: Bool = false) {
        guard let value, keepEmpty || !value.isEmpty else { return }
        indent()
        output += "<" + name + attributeText(attributes) + ">" + XMLTextWriter.escape(value, attribute: false) + "</" + name + ">\n"
    }

    private mutating func indent() {
        output += String(repeating: "  ", count: depth)
    }

    private func attributeText(_ attributes: [(String, String)]) -> String {
        attributes.map { " " + $0.0 + "=\"" + XMLTextWriter.escape($0.1, attribute: true) + "\"" }.joined()
    }

    static func escape(_ text: String, attribute: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where attribute: result += "&quot;"
            case "\r": result += "&#13;"
            case "\n" where attribute: result += "&#10;"
            case "\t" where attribute: result += "&#9;"
            default:
                // Characters XML 1.0 cannot carry at all are written as U+FFFD.
                let value = scalar.value
                if value < 0x20 && value != 0x09 && value != 0x0A { result += "\u{FFFD}" } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
