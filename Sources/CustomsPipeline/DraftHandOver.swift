import CustomsCore
import CustomsFormats

extension DeclarationDraft {
    /// Hands the declaration over and leaves an empty one (same format and source) in the draft:
    /// the declaration returned then holds the only references to its parts, so whoever keeps it
    /// can change them in place. For a draft that is not read again.
    mutating func takeDeclaration() -> Declaration {
        var taken = Declaration(sourceFormat: declaration.sourceFormat, source: declaration.source)
        swap(&taken, &declaration)
        return taken
    }
}
