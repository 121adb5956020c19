public import Foundation

extension DeclarationStore {
    /// One file of a batch for ``record(_:receivedAt:)``.
    public struct BatchEntry: Sendable {
        public var result: FileResultSnapshot
        /// `processed` / `rejected`, `valid` / `invalid`, as for ``record(_:outcome:receivedAt:)``.
        public var outcome: String

        public init(_ result: FileResultSnapshot, outcome: String) {
            self.result = result
            self.outcome = outcome
        }
    }

    /// Stores several processed files in one transaction (one commit, one flush to disk): the
    /// group commit of the inbox daemon.
    ///
    /// Each file is stored exactly as ``record(_:outcome:receivedAt:)`` would store it, in the
    /// order given, and sees the files before it in the batch: the same bytes twice in one batch
    /// are stored once (the second receipt names the first file's path), and a declaration
    /// number seen again with different content becomes the next version (`declaration.amended`).
    ///
    /// - Returns: one receipt per entry, in order.
    /// - Throws: ``StoreError`` when any file cannot be stored; then none of the batch is (the
    ///   transaction rolls back whole).
    public func record(_ batch: [BatchEntry], receivedAt: Date = Date()) throws(StoreError) -> [StoreReceipt] {
        guard !batch.isEmpty else { return [] }
        return try wrap {
            try pool.write { db in
                try batch.map { entry in try Self.insert(entry.result, outcome: entry.outcome, receivedAt: receivedAt, in: db) }
            }
        }
    }
}
