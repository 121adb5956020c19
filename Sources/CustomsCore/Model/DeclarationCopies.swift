/// Copies of one declaration among many: the same declaration number, declaring country and
/// direction — the same file re-sent in another encoding, a harmonized copy, a later version.
public enum DeclarationCopies {
    /// One declaration per identity, the last one given, at the position of the first; declarations
    /// without a number are all kept.
    /// Takes any sequence (e.g. `results.lazy.flatMap(\.declarations)`) so that a batch is not
    /// copied into one flat array first.
    public static func latest<Declarations: Sequence<Declaration>>(_ declarations: Declarations) -> [Declaration] {
        var position: [Identity: Int] = [:]
        var result: [Declaration] = []
        for declaration in declarations {
            guard let id = declaration.id else {
                result.append(declaration)
                continue
            }
            let identity = Identity(id: id, country: declaration.declaringCountry ?? "", direction: declaration.direction?.rawValue ?? "")
            if let index = position[identity] {
                result[index] = declaration
            } else {
                position[identity] = result.count
                result.append(declaration)
            }
        }
        return result
    }

    /// The positions in `declarations` of ``latest(_:)``'s result, in its order: the last copy
    /// of each identity, at the place of the first. Reads each declaration once and keeps no
    /// declaration, so `declarations` may decode them on access (a batch kept on disk).
    public static func latestIndices<Declarations: RandomAccessCollection<Declaration>>(
        _ declarations: Declarations
    ) -> [Int] where Declarations.Index == Int {
        var position: [Identity: Int] = [:]
        var result: [Int] = []
        for index in declarations.indices {
            let declaration = declarations[index]
            guard let id = declaration.id else {
                result.append(index)
                continue
            }
            let identity = Identity(id: id, country: declaration.declaringCountry ?? "", direction: declaration.direction?.rawValue ?? "")
            if let slot = position[identity] {
                result[slot] = index
            } else {
                position[identity] = result.count
                result.append(index)
            }
        }
        return result
    }

    /// What makes two declarations copies of one: number, declaring country, direction (a
    /// missing country or direction counts as empty), compared field by field.
    private struct Identity: Hashable {
        var id: String
        var country: String
        var direction: String
    }
}
