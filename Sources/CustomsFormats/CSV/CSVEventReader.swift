import CustomsCore
import Foundation

/// Reads the events layout (`SPEC.md`): one row per milestone, `declaration_id`, `milestone`,
/// `at` (RFC 3339 with offset, or a local `YYYY-MM-DD HH:MM[:SS]` read in `zone`), `zone` (tz
/// database name), `location`. Rows of one declaration need not be consecutive.
///
/// The events of each declaration id become a declaration holding only `id` and `events`
/// (`messageType` `events`), for the timing stage. A local time with an empty `zone` cannot be
/// placed in time here (the declaring authority's zone needs the declaration itself, which the
/// timing stage matches across files): `field.invalid`.
struct CSVEventReader {
    let context: CSVFileContext
    private var order: [String] = []
    private var drafts: [String: DeclarationDraft] = [:]

    init(context: CSVFileContext) {
        self.context = context
    }

    mutating func add(_ record: CSVRecord) {
        func cell(_ field: CSVField, _ index: Int) -> CSVCell? {
            guard let column = context.columns.index[field], !record.isEmpty(column) else { return nil }
            return CSVCell(text: record[column], header: context.columns.headers[column], row: record.row, field: field.path, prefix: "events[\(index)]")
        }
        let id = context.columns.index[.declarationID].map { record[$0] } ?? ""
        if drafts[id] == nil {
            var draft = DeclarationDraft(format: "csv", messageType: "events", file: context.file, line: nil)
            draft.declaration.source.row = record.row
            var asFiled = AsFiled()
            if let idCell = cell(.declarationID, 0) { draft.declaration.id = draft.identifier(idCell, asFiled: &asFiled) }
            else {
                draft.finding("field.missing", "the event on row \(record.row) names no declaration", at: CSVCell(
                    text: "", header: context.columns.header(.declarationID) ?? "declaration_id", row: record.row, field: "id"))
            }
            draft.declaration.asFiled = asFiled
            drafts[id] = draft
            order.append(id)
        }
        var draft = drafts[id]!
        let index = draft.declaration.events.count
        guard let milestoneCell = cell(.milestone, index), let milestone = draft.text(milestoneCell) else {
            draft.finding("field.missing", "the event on row \(record.row) has no milestone", at: CSVCell(
                text: "", header: context.columns.header(.milestone) ?? "milestone", row: record.row, field: "events[\(index)].milestone"))
            drafts[id] = draft
            return
        }
        guard Event.milestones.contains(milestone) else {
            draft.finding("field.invalid", "\(milestoneCell.header) '\(milestone)' is not a milestone (\(Event.milestones.joined(separator: ", ")))", at: milestoneCell)
            drafts[id] = draft
            return
        }
        guard let atCell = cell(.at, index), let text = draft.text(atCell) else {
            draft.finding("field.missing", "the \(milestone) event on row \(record.row) has no time", at: CSVCell(
                text: "", header: context.columns.header(.at) ?? "at", row: record.row, field: "events[\(index)].at"))
            drafts[id] = draft
            return
        }
        if let at = place(text, zone: cell(.zone, index), cell: atCell, draft: &draft) {
            draft.declaration.events.append(Event(milestone: milestone, at: at, location: draft.text(cell(.location, index))))
        }
        drafts[id] = draft
    }

    private func place(_ text: String, zone zoneCell: CSVCell?, cell: CSVCell, draft: inout DeclarationDraft) -> Timestamp? {
        if let stamp = Timestamp.parseRFC3339(text) { return stamp }
        guard let local = LocalDateTime.parseISO(text), text.utf8.count >= 16 else {
            draft.finding("field.invalid", "\(cell.header) '\(text)' is not an RFC 3339 time nor a local time YYYY-MM-DD HH:MM[:SS]", at: cell)
            return nil
        }
        guard let zoneCell, let zoneName = draft.text(zoneCell) else {
            draft.finding("field.invalid", "\(cell.header) '\(text)' has no UTC offset and no zone; it cannot be placed in time until the declaration's authority is known", at: cell)
            return nil
        }
        guard let zone = TimeZone(identifier: zoneName) else {
            draft.finding("field.invalid", "\(zoneCell.header) '\(zoneName)' is not a tz database zone", at: zoneCell)
            return nil
        }
        switch local.resolve(in: zone) {
        case let .exact(stamp): return stamp
        case let .ambiguous(earlier, later):
            draft.finding("timing.ambiguous-local-time", "\(cell.header) '\(text)' happened twice in \(zoneName) (\(earlier.rfc3339) and \(later.rfc3339)); it is not placed in time", at: cell)
            return nil
        case .nonexistent:
            draft.finding("timing.ambiguous-local-time", "\(cell.header) '\(text)' never happened in \(zoneName); it is not placed in time", at: cell)
            return nil
        }
    }

    /// The declarations, in the order their first event appeared.
    func finish() -> [DeclarationDraft] {
        order.compactMap { drafts[$0] }
    }
}
