import CustomsCore
import CustomsXML

/// Reads `ESADout_CUGoodsShipment` of an `ESADout_CU` into the shared declaration.
///
/// - Parties (``ESADPartyReader``): `ESADout_CUConsignor` → exporter, `ESADout_CUConsignee` →
///   importer, `ESADout_CUDeclarant` → declarant.
/// - `transportMode`: `ESADout_CUConsigment/ESADout_CUBorderTransport/TransportModeCode`, the
///   mode at the border; in transit declarations `ESADout_CUDepartureArrivalTransport`. EAEU
///   classifier codes (10 sea, 20 rail, 30–32 road, 40 air, 50 mail, 71/72 fixed installation,
///   80 inland waterway) → UN/ECE Rec 19; 90 (own propulsion) and 99 are not modes of transport:
///   omitted and kept in `asFiled`; any other code is `code.transport-mode`.
/// - `invoice`: `ESADout_CUMainContractTerms` `ContractCurrencyCode` (ISO alpha or numeric →
///   ISO 4217 alpha) and `TotalInvoiceAmount`; `incoterm`: its `DeliveryTermsStringCode`.
/// - `totals`: `TotalPackageNumber` → packages, `TotalGoodsNumber` → goodsItemCount (the
///   declaration carries no header masses).
/// - Goods items: ``ESADGoodsItemReader``; their containers (`ESADContainer/ContainerNumber`)
///   make the declaration's `containers`.
struct ESADShipmentReader {
    let codes: CodeLists

    func read(_ shipment: XMLElement, into draft: inout DeclarationDraft) {
        let parties = ESADPartyReader(codes: codes)
        draft.declaration.exporter = parties.read(shipment.child("ESADout_CUConsignor"), field: "exporter", draft: &draft)
        draft.declaration.importer = parties.read(shipment.child("ESADout_CUConsignee"), field: "importer", draft: &draft)
        draft.declaration.declarant = parties.read(shipment.child("ESADout_CUDeclarant"), field: "declarant", draft: &draft)

        let consignment = shipment.child("ESADout_CUConsigment")
        let transport = consignment?.child("ESADout_CUBorderTransport") ?? consignment?.child("ESADout_CUDepartureArrivalTransport")
        draft.declaration.transportMode = draft.transportMode(transport?.child("TransportModeCode"), system: .eaeu, codeLists: codes)

        if let terms = shipment.child("ESADout_CUMainContractTerms") {
            let invoice = Invoice(
                currency: draft.headerCurrency(
                    terms.child("ContractCurrencyCode"), authority: .isoNumeric, codeLists: codes, field: "invoice.currency"),
                amount: draft.decimal(terms.child("TotalInvoiceAmount"), field: "invoice.amount"))
            draft.declaration.invoice = invoice.isEmpty ? nil : invoice
            draft.declaration.incoterm = draft.text(terms.path("CUESADDeliveryTerms", "DeliveryTermsStringCode"), field: "incoterm")
        }

        let totals = Totals(
            packages: draft.decimal(shipment.child("TotalPackageNumber"), field: "totals.packages"),
            goodsItemCount: draft.integer(shipment.child("TotalGoodsNumber"), field: "totals.goodsItemCount"))
        draft.declaration.totals = totals.isEmpty ? nil : totals

        let goods = ESADGoodsItemReader(
            codes: codes, contractCurrency: draft.declaration.invoice?.currency,
            shipmentOrigin: shipment.child("OriginCountryCode"))
        let elements = shipment.children("ESADout_CUGoods")
        if elements.isEmpty {
            draft.missing("ESADout_CUGoodsShipment has no ESADout_CUGoods item", at: shipment, field: "goodsItems")
        }
        for (index, element) in elements.enumerated() {
            draft.declaration.goodsItems.append(goods.read(element, field: "goodsItems[\(index)]", draft: &draft))
        }
    }
}
