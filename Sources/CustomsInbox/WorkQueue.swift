import Foundation

/// What a worker is handed: a name in the inbox to claim, or a file already in the work folder
/// (left by a crash, or waiting for a retry).
enum WorkItem: Hashable, Sendable {
    case inbox(String)
    case work(String)
}

/// A bounded queue of work items between the intake (watcher, scans) and the workers.
///
/// The inbox folder itself is the durable queue: this one only holds names, at most `capacity`
/// of them, each once. When it is full, an offered name is dropped and ``overflowed`` is set;
/// the daemon lists the inbox again once the queue has drained, so a burst of any size is taken
/// in with bounded memory and no file is forgotten.
final class WorkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [WorkItem] = []
    private var head = 0
    private var queued: Set<WorkItem> = []
    /// Items a worker holds right now (not offered again until it lets go).
    private var inHand: Set<WorkItem> = []
    private var closed = false
    private var dropped = false
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Adds `item` unless it is queued or in hand already; `false` when it was dropped because
    /// the queue is full or closed.
    @discardableResult
    func offer(_ item: WorkItem) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        if queued.contains(item) || inHand.contains(item) { return true }
        guard items.count - head < capacity else {
            dropped = true
            return false
        }
        items.append(item)
        queued.insert(item)
        condition.signal()
        return true
    }

    /// The next item, waiting for one; `nil` once the queue is closed.
    func take() -> WorkItem? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !closed { condition.wait() }
        guard !closed else { return nil }
        let item = items[head]
        head += 1
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        queued.remove(item)
        inHand.insert(item)
        return item
    }

    /// The worker is done with `item`.
    func release(_ item: WorkItem) {
        condition.lock()
        inHand.remove(item)
        condition.broadcast()
        condition.unlock()
    }

    func isInHand(_ item: WorkItem) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return inHand.contains(item)
    }

    /// True (and reset) when items were dropped since the last call and the queue has room again.
    func takeOverflow(belowFraction fraction: Double = 0.5) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard dropped, Double(items.count - head) < Double(capacity) * fraction else { return false }
        dropped = false
        return true
    }

    var pendingCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return items.count - head
    }

    /// Stops handing out items: workers finish the one in hand and get `nil` next.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
