import CustomsCore

/// Gives each declaration of a file its `key` (`SPEC.md`): its `id` when that id is unique in the
/// file, otherwise the `id` — or, without one, the first 12 hex digits of the file's SHA-256 —
/// plus `#n`, the declaration's 1-based position in the file.
enum DeclarationKeys {
    static func assign(_ declarations: inout [Declaration], fileHash: String?) {
        var counts: [String: Int] = [:]
        for declaration in declarations {
            if let id = declaration.id { counts[id, default: 0] += 1 }
        }
        let prefix = String((fileHash ?? "000000000000").prefix(12))
        for index in declarations.indices {
            if let id = declarations[index].id, counts[id] == 1 {
                declarations[index].key = id
            } else {
                declarations[index].key = (declarations[index].id ?? prefix) + "#\(index + 1)"
            }
        }
    }
}

extension FileResult {
    /// Files each declaration's findings under its key (`declarationFindings[i]` belongs to
    /// `declarations[i]`); keys must be assigned first.
    mutating func attach(_ declarationFindings: [[Finding]]) {
        for (index, findings) in declarationFindings.enumerated() {
            let key = declarations[index].key
            self.findings += findings.map { finding in
                var finding = finding
                finding.declaration = key
                return finding
            }
        }
    }
}
