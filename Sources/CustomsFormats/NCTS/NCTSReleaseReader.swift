import CustomsCore
import CustomsXML

/// Reads a `CC029C` (release for transit) into a declaration record that carries the identity
/// of the released declaration (``NCTSHeaderReader``: MRN, else LRN; office and country of
/// departure) and one `release` event — nothing else, so the goods data the message repeats are
/// not counted as a second declaration.
///
/// The release is dated by `TransitOperation/releaseDate` (a date, no time) and the message by
/// `preparationDateAndTime` (a local time without offset). The event's `at` is the preparation
/// time, read in the departure country's zone (`zoneAssumed`), but only when it falls on the
/// release date; otherwise the two disagree, the release is not placed in time and the
/// disagreement is `field.invalid`. `releaseDate` and `declarationAcceptanceDate` stay in
/// `asFiled`.
struct NCTSReleaseReader {
    let codes: CodeLists

    func read(_ record: XMLElement, into draft: inout DeclarationDraft) {
        NCTSHeaderReader(codes: codes).read(record, into: &draft)
        let operation = record.child("TransitOperation")
        let acceptance = draft.text(operation?.child("declarationAcceptanceDate"), field: "asFiled")
        if let acceptance { draft.declaration.asFiled.set("declarationAcceptanceDate", acceptance) }
        let releaseElement = operation?.child("releaseDate")
        guard let releaseElement, let releaseDate = draft.text(releaseElement, field: "events") else {
            draft.missing("the CC029C carries no releaseDate: the release cannot be dated", at: operation ?? record, field: "events")
            return
        }
        draft.declaration.asFiled.set("releaseDate", releaseDate)
        guard let date = LocalDateTime.parseISO(releaseDate), releaseDate.count == 10 else {
            draft.finding("field.invalid", "releaseDate '\(releaseDate)' is not a date YYYY-MM-DD", at: releaseElement, field: "events")
            return
        }
        let preparedElement = record.child("preparationDateAndTime")
        let prepared = draft.dateTime(
            preparedElement, country: draft.declaration.declaringCountry, codeLists: codes, field: "events")
        guard let local = prepared.local else { return }
        guard local.isoDate == date.isoDate else {
            draft.finding(
                "field.invalid",
                "releaseDate \(date.isoDate) is not the date of the release message's preparationDateAndTime '\(preparedElement?.trimmedText ?? "")': the release is not placed in time",
                at: releaseElement, field: "events")
            return
        }
        if let at = prepared.timestamp {
            draft.declaration.events.append(Event(
                milestone: "release", at: at, location: draft.declaration.customsOffice, zoneAssumed: prepared.zoneAssumed))
        }
    }
}
