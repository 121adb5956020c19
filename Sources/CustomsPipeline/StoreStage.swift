public import CustomsCore
public import CustomsReconcile
public import CustomsStore

extension FileResult {
    /// What the store keeps of this file.
    public var snapshot: FileResultSnapshot {
        FileResultSnapshot(file: file, sha256: sha256, size: size, format: format, declarations: Array(declarations), findings: findings)
    }
}

/// The store's part in a batch: record every file, then reconcile against everything stored, so
/// the export side received on Monday matches the import side received on Friday.
public enum StoreStage {
    /// Records the files; amendments (`declaration.amended`) are added to their findings.
    public static func record(_ results: inout [FileResult], store: DeclarationStore) throws(StoreError) {
        for index in results.indices {
            let outcome = results[index].findings.contains { $0.severity == .error } ? "invalid" : "valid"
            let receipt = try store.record(results[index].snapshot, outcome: outcome)
            results[index].findings += receipt.amendments
        }
    }

    /// Records the files, then reconciles the latest version of every stored declaration; returns
    /// the reconciliation and those declarations (read from the store once).
    public static func run(
        _ results: inout [FileResult], store: DeclarationStore, reconciler: Reconciler
    ) throws(StoreError) -> (reconciliation: Reconciliation, stored: [Declaration]) {
        try record(&results, store: store)
        let stored = try store.latestDeclarations()
        return (reconciler.reconcile(stored), stored)
    }

    /// Only the mirror findings that name a declaration of `results`.
    public static func findings(_ reconciliation: Reconciliation, involving results: [FileResult]) -> [Finding] {
        let files = Set(results.map(\.file))
        let keys = Set(results.flatMap { $0.declarations.map(\.key) })
        return reconciliation.pairs.filter { pair in
            (files.contains(pair.export.source.file) && keys.contains(pair.export.key))
                || (files.contains(pair.counterpart.source.file) && keys.contains(pair.counterpart.key))
        }.flatMap(\.findings).reduce(into: (list: [Finding](), seen: Set<Finding>())) { unique, finding in
            if unique.seen.insert(finding).inserted { unique.list.append(finding) }
        }.list
    }
}
