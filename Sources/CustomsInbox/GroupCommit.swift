import Foundation

/// Group commit: many threads hand in an item each, and one of them commits every item handed
/// in meanwhile in one go, so that the cost of a commit (a folder `fsync`, a store transaction)
/// is paid once per batch instead of once per item.
///
/// There is no timer and no committer thread: the first caller to find no commit running takes
/// all waiting items (up to `maxBatch`) and commits them; items handed in during that commit wait
/// for the next one, taken by one of their own callers. A lone item is committed at once (no
/// added latency when the inbox is quiet); under a burst, batches grow by themselves with the
/// time a commit takes. Batches never overlap: one commit at a time, in the order of arrival.
final class GroupCommit<Item: Sendable>: @unchecked Sendable {
    private final class Ticket {
        var item: Item
        var done = false

        init(_ item: Item) {
            self.item = item
        }
    }

    private let condition = NSCondition()
    private var waiting: [Ticket] = []
    private var committing = false
    let maxBatch: Int

    init(maxBatch: Int) {
        self.maxBatch = max(1, maxBatch)
    }

    /// Hands in `item`, waits until a batch holding it has been committed by `commit` (by this
    /// caller or another one), and returns the item as the commit left it.
    ///
    /// `commit` gets the batch in the order the items were handed in and may change each item
    /// (its outcome); it must not throw: a failure belongs in the item.
    func submit(_ item: Item, commit: (inout [Item]) -> Void) -> Item {
        let ticket = Ticket(item)
        condition.lock()
        defer { condition.unlock() }
        waiting.append(ticket)
        while !ticket.done {
            guard !committing else {
                condition.wait()
                continue
            }
            committing = true
            let tickets = Array(waiting.prefix(maxBatch))
            waiting.removeFirst(tickets.count)
            var batch = tickets.map(\.item)
            condition.unlock()
            commit(&batch)
            condition.lock()
            for (ticket, item) in zip(tickets, batch) {
                ticket.item = item
                ticket.done = true
            }
            committing = false
            condition.broadcast()
        }
        return ticket.item
    }
}
