import CustomsCore

/// Gives each declaration of a file its `key` (`SPEC.md`): its `id` when that id is unique in the
/// file, otherwise the `id` — or, without one, the first 12 hex digits of the file's SHA-256 —
/// plus `#n`, the declaration's 1-based position in the file.
enum DeclarationKeys {
    /// `fileHash` is asked for only when a declaration's key needs it: one without an id (a
    /// repeated id takes its position, not the hash).
    static func assign(_ declarations: inout [Declaration], fileHash: @autoclosure () -> String?) {
        // A single declaration repeats no id: nothing to count.
        var repeated = Set<String>()
        if declarations.count > 1 {
            var counts: [String: Int] = [:]
            for declaration in declarations {
                if let id = declaration.id { counts[id, default: 0] += 1 }
            }
            repeated = Set(counts.filter { $0.value > 1 }.keys)
        }
        let needsHash = declarations.contains { $0.id == nil }
        let rule = Rule(fileHash: needsHash ? fileHash() : nil, repeatedIDs: repeated)
        for index in declarations.indices {
            declarations[index].key = rule.key(id: declarations[index].id, position: index)
        }
    }

    /// The key of a file's declaration from its id and position, once the ids that repeat in the
    /// file are known.
    struct Rule: Sendable {
        var fileHash: String?
        var repeatedIDs: Set<String>

        /// `position`: 0-based in the file.
        func key(id: String?, position: Int) -> String {
            if let id, repeatedIDs.isEmpty || !repeatedIDs.contains(id) { return id }
            // The hash's prefix is taken only for a declaration without an id (most have one).
            return (id ?? String((fileHash ?? "000000000000").prefix(12))) + "#\(position + 1)"
        }
    }
}

extension FileResult {
    /// Files each declaration's findings under its key (`declarationFindings[i]` belongs to
    /// `declarations[i]`); keys must be assigned first.
    mutating func attach(_ declarationFindings: [[Finding]]) {
        for (index, findings) in declarationFindings.enumerated() where !findings.isEmpty {
            let key = declarations.key(at: index)
            self.findings += findings.map { finding in
                var finding = finding
                finding.declaration = key
                return finding
            }
        }
    }
}
