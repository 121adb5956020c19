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
}
