import CustomsCore
@testable import CustomsPipeline
import Testing

/// A declaration's key is its id when the id is unique in the file; otherwise the id — or, with
/// none, the first 12 characters of the file's hash — plus `#` and its position.
@Suite struct DeclarationKeysTests {
    private static func keys(_ ids: [String?], fileHash: String?) -> [String] {
        var declarations = ids.map { id -> Declaration in
            var declaration = Declaration(sourceFormat: "cn-dec", source: SourceLocation(file: "a.xml"))
            declaration.id = id
            return declaration
        }
        DeclarationKeys.assign(&declarations, fileHash: fileHash)
        return declarations.map(\.key)
    }

    @Test func uniqueIDsAreTheKeysAndOthersAreNumbered() {
        let hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
        #expect(Self.keys(["A"], fileHash: hash) == ["A"])
        #expect(Self.keys([nil], fileHash: hash) == ["0123456789ab#1"])
        #expect(Self.keys(["A", "B", "A", nil], fileHash: hash) == ["A#1", "B", "A#3", "0123456789ab#4"])
        #expect(Self.keys([nil], fileHash: nil) == ["000000000000#1"])
    }

    /// The file's hash is asked for only when a declaration has no id: a repeated id is
    /// numbered without it (the hash may have to be computed for the asking).
    @Test func theHashIsAskedForOnlyForADeclarationWithoutAnID() {
        func askings(_ ids: [String?]) -> Int {
            var declarations = ids.map { id -> Declaration in
                var declaration = Declaration(sourceFormat: "cn-dec", source: SourceLocation(file: "a.xml"))
                declaration.id = id
                return declaration
            }
            var asked = 0
            func hash() -> String? {
                asked += 1
                return "0123456789abcdef"
            }
            DeclarationKeys.assign(&declarations, fileHash: hash())
            return asked
        }
        #expect(askings(["A", "B"]) == 0)
        #expect(askings(["A", "B", "A"]) == 0)
        #expect(askings(["A", nil]) == 1)
    }
}
