import GRDB

extension DeclarationStore {
    /// ``storedPath(sha256:)`` for many contents in one read: the path under which each of
    /// `sha256s` was first stored, for those stored.
    public func storedPaths(sha256s: [String]) throws(StoreError) -> [String: String] {
        let unique = Array(Set(sha256s))
        guard !unique.isEmpty else { return [:] }
        return try wrap {
            try pool.read { db in
                var paths: [String: String] = [:]
                var start = 0
                while start < unique.count {
                    let chunk = Array(unique[start..<min(start + 500, unique.count)])
                    let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                    let rows = try Row.fetchAll(
                        db, sql: "SELECT sha256, path FROM file WHERE sha256 IN (\(placeholders))", arguments: StatementArguments(chunk))
                    for row in rows { paths[row["sha256"]] = row["path"] as String }
                    start += chunk.count
                }
                return paths
            }
        }
    }
}
