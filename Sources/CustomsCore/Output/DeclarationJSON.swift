import Foundation

/// The JSON form of the shared declaration, exactly as `SPEC.md` lists its keys.
public struct DeclarationJSON: Sendable {
    /// Replace personal data (asFiled names listed in ``Declaration/personalData``) with a mask.
    public var maskPersonalData: Bool

    public init(maskPersonalData: Bool) {
        self.maskPersonalData = maskPersonalData
    }

    public func json(_ declaration: Declaration) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("id", declaration.id)
        object.add("key", declaration.key)
        object.add("sourceFormat", declaration.sourceFormat)
        object.add("messageType", declaration.messageType)
        object.add("declaringCountry", declaration.declaringCountry)
        object.add("direction", declaration.direction?.rawValue)
        object.add("procedure", declaration.procedure)
        object.add("customsOffice", declaration.customsOffice)
        object.add("lodgedOn", declaration.lodgedOn)
        object.add("lodgedAt", declaration.lodgedAt?.rfc3339)
        object.add("transportMode", declaration.transportMode?.rawValue)
        object.add("borderCrossing", declaration.borderCrossing)
        if !declaration.transportDocuments.isEmpty {
            object.add("transportDocuments", .array(declaration.transportDocuments.map {
                .object([("type", .string($0.type)), ("number", .string($0.number))])
            }))
        }
        if !declaration.containers.isEmpty {
            object.add("containers", .array(declaration.containers.map(JSONValue.string)))
        }
        object.add("exporter", party(declaration.exporter))
        object.add("importer", party(declaration.importer))
        object.add("declarant", party(declaration.declarant))
        if let invoice = declaration.invoice, !invoice.isEmpty {
            var member = JSONObjectBuilder()
            member.add("number", invoice.number)
            member.add("currency", invoice.currency)
            member.add("amount", number(invoice.amount))
            object.add("invoice", member.value)
        }
        object.add("incoterm", declaration.incoterm)
        if let totals = declaration.totals, !totals.isEmpty {
            var member = JSONObjectBuilder()
            member.add("grossMassKg", number(totals.grossMassKg))
            member.add("netMassKg", number(totals.netMassKg))
            member.add("packages", number(totals.packages))
            member.add("goodsItemCount", totals.goodsItemCount)
            object.add("totals", member.value)
        }
        object.add("riskChannel", declaration.riskChannel?.rawValue)
        if !declaration.events.isEmpty {
            object.add("events", .array(declaration.events.map(event)))
        }
        if !declaration.goodsItems.isEmpty {
            object.add("goodsItems", .array(declaration.goodsItems.map { goodsItem($0, personal: declaration.personalData) }))
        }
        object.add("asFiled", asFiled(declaration.asFiled, personal: declaration.personalData))
        var source = JSONObjectBuilder()
        source.add("file", declaration.source.file)
        source.add("line", declaration.source.line)
        source.add("row", declaration.source.row)
        object.add("source", source.value)
        return object.value
    }

    func goodsItem(_ item: GoodsItem, personal: Set<String>) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("sequence", item.sequence)
        object.add("hsCode", item.hsCode)
        object.add("nationalCode", item.nationalCode)
        object.add("description", item.description)
        object.add("originCountry", item.originCountry)
        object.add("quantity", number(item.quantity))
        object.add("unit", item.unit)
        object.add("grossMassKg", number(item.grossMassKg))
        object.add("netMassKg", number(item.netMassKg))
        object.add("packages", number(item.packages))
        object.add("unitPrice", number(item.unitPrice))
        object.add("value", number(item.value))
        object.add("currency", item.currency)
        object.add("asFiled", asFiled(item.asFiled, personal: personal))
        return object.value
    }

    func event(_ event: Event) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("milestone", event.milestone)
        object.add("at", event.at.rfc3339)
        object.add("location", event.location)
        if event.zoneAssumed { object.add("zoneAssumed", JSONValue.bool(true)) }
        return object.value
    }

    func party(_ party: Party?) -> JSONValue? {
        guard let party, !party.isEmpty else { return nil }
        var object = JSONObjectBuilder()
        object.add("name", party.name)
        object.add("id", party.id)
        object.add("country", party.country)
        return object.value
    }

    func asFiled(_ asFiled: AsFiled, personal: Set<String>) -> JSONValue? {
        guard !asFiled.isEmpty else { return nil }
        return .object(asFiled.entries.map { entry in
            let masked = maskPersonalData && personal.contains(PersonalData.baseName(entry.name))
            return (entry.name, .string(masked ? PersonalData.mask(entry.raw) : entry.raw))
        })
    }

    func number(_ value: Decimal?) -> JSONValue? {
        value.map { .number(ExactDecimal.format($0)) }
    }
}
