import CustomsCore
import CustomsXML
import Foundation

/// Reads the declaration data of a `CC015C` (or the amended data of a `CC013C`).
///
/// Besides the header (``NCTSHeaderReader``):
/// - `lodgedAt`/`lodgedOn`: `preparationDateAndTime`, without offset, read in the departure
///   country's zone (`timing.zone-assumed`); also a `lodgement` event.
/// - `transportMode`: `Consignment/modeOfTransportAtTheBorder`, a UN/ECE Rec 19 code.
/// - `totals.grossMassKg`: `Consignment/grossMass` (kilograms), as declared.
/// - `containers`: `Consignment/TransportEquipment/containerIdentificationNumber`.
/// - Parties: `Consignor` → exporter and `Consignee` → importer (of the consignment, else of the
///   first house consignment that names one), `HolderOfTheTransitProcedure` → declarant.
/// - Goods items: ``NCTSGoodsItemReader``, over every `HouseConsignment/ConsignmentItem`.
/// - Intermediate totals: each `HouseConsignment/grossMass` is compared with the sum of its
///   items' gross masses, and `Consignment/grossMass` with the sum of the house consignments'
///   (`totals.mismatch`, with both values and their relative difference).
struct NCTSDeclarationReader {
    let codes: CodeLists

    func read(_ record: XMLElement, into draft: inout DeclarationDraft) {
        let header = NCTSHeaderReader(codes: codes)
        header.read(record, into: &draft)
        let prepared = draft.dateTime(
            record.child("preparationDateAndTime"), country: draft.declaration.declaringCountry, codeLists: codes, field: "lodgedAt")
        draft.declaration.lodgedOn = prepared.local?.isoDate
        if let at = prepared.timestamp {
            draft.declaration.lodgedAt = at
            draft.declaration.events.append(Event(
                milestone: "lodgement", at: at, location: draft.declaration.customsOffice, zoneAssumed: prepared.zoneAssumed))
        }
        guard let consignment = record.child("Consignment") else {
            draft.missing("the \(record.name) has no Consignment: no goods, masses or parties", at: record, field: "goodsItems")
            return
        }
        draft.declaration.transportMode = draft.transportMode(
            consignment.child("modeOfTransportAtTheBorder"), system: .rec19, codeLists: codes)
        let gross = draft.decimal(consignment.child("grossMass"), field: "totals.grossMassKg")
        draft.declaration.totals = gross.map { Totals(grossMassKg: $0) }
        for equipment in consignment.children("TransportEquipment") {
            draft.addContainer(equipment.child("containerIdentificationNumber"))
        }
        let houses = consignment.children("HouseConsignment")
        draft.declaration.exporter = party(
            consignment.child("Consignor") ?? houses.lazy.compactMap { $0.child("Consignor") }.first,
            field: "exporter", header: header, draft: &draft)
        draft.declaration.importer = party(
            consignment.child("Consignee") ?? houses.lazy.compactMap { $0.child("Consignee") }.first,
            field: "importer", header: header, draft: &draft)
        draft.declaration.declarant = party(record.child("HolderOfTheTransitProcedure"), field: "declarant", header: header, draft: &draft)

        let goods = NCTSGoodsItemReader()
        var houseMasses: [Decimal] = []
        for (houseIndex, house) in houses.enumerated() {
            var itemMasses: [Decimal] = []
            let items = house.children("ConsignmentItem")
            for item in items {
                let index = draft.declaration.goodsItems.count
                let goodsItem = goods.read(item, field: "goodsItems[\(index)]", draft: &draft)
                if let mass = goodsItem.grossMassKg { itemMasses.append(mass) }
                draft.declaration.goodsItems.append(goodsItem)
            }
            let houseMass = draft.decimal(house.child("grossMass"), field: "totals.grossMassKg")
            if let houseMass { houseMasses.append(houseMass) }
            if let houseMass, !items.isEmpty, itemMasses.count == items.count {
                let label = "HouseConsignment \(house.child("sequenceNumber")?.trimmedText ?? String(houseIndex + 1)) grossMass"
                compare(houseMass, label: label, sum: itemMasses, of: "its \(items.count) goods item(s)' grossMass", at: house.child("grossMass"), draft: &draft)
            }
        }
        if let gross, !houses.isEmpty, houseMasses.count == houses.count {
            compare(gross, label: "Consignment grossMass", sum: houseMasses, of: "its \(houses.count) house consignment(s)' grossMass", at: consignment.child("grossMass"), draft: &draft)
        }
        if draft.declaration.goodsItems.isEmpty {
            draft.missing("the \(record.name) has no HouseConsignment/ConsignmentItem goods item", at: consignment, field: "goodsItems")
        }
    }

    func compare(_ total: Decimal, label: String, sum parts: [Decimal], of what: String, at element: XMLElement?, draft: inout DeclarationDraft) {
        let sum = parts.reduce(Decimal(0), +)
        guard sum != total else { return }
        let larger = max(abs(total), abs(sum))
        var relative = larger == 0 ? Decimal(0) : abs(total - sum) / larger * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &relative, 1, .plain)
        draft.finding(
            "totals.mismatch",
            "\(label) \(ExactDecimal.format(total)) kg differs from the sum of \(what), \(ExactDecimal.format(sum)) kg (relative difference \(ExactDecimal.format(rounded))%)",
            at: element, field: "totals.grossMassKg")
    }

    func party(_ element: XMLElement?, field: String, header: NCTSHeaderReader, draft: inout DeclarationDraft) -> Party? {
        guard let element else { return nil }
        let party = Party(
            name: draft.text(element.child("name"), field: field + ".name"),
            id: draft.text(element.child("identificationNumber"), field: field + ".id"),
            country: header.country(
                element.path("Address", "country"), field: field + ".country", asFiledName: "\(element.name)/Address/country",
                draft: &draft))
        return party.isEmpty ? nil : party
    }
}
