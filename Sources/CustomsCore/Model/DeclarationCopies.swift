/// Copies of one declaration among many: the same declaration number, declaring country and
/// direction — the same file re-sent in another encoding, a harmonized copy, a later version.
public enum DeclarationCopies {
    /// One declaration per identity, the last one given, at the position of the first; declarations
    /// without a number are all kept.
    /// Takes any sequence (e.g. `results.lazy.flatMap(\.declarations)`) so that a batch is not
    /// copied into one flat array first.
    public static func latest<Declarations: Sequence<Declaration>>(_ declarations: Declarations) -> [Declaration] {
        var table = IdentityTable()
        var result: [Declaration] = []
        result.reserveCapacity(declarations.underestimatedCount)
        for declaration in declarations {
            guard let identity = Identity(declaration) else {
                result.append(declaration)
                continue
            }
            if let slot = table.slot(of: identity.hashValue64, orRecord: result.count, isSame: { Identity(result[$0]) == identity }) {
                result[slot] = declaration
            } else {
                result.append(declaration)
            }
        }
        return result
    }

    /// The positions in `declarations` of ``latest(_:)``'s result, in its order: the last copy
    /// of each identity, at the place of the first. Reads each declaration once and keeps no
    /// declaration, so `declarations` may decode them on access (a batch kept on disk).
    ///
    /// Identities are kept as 64-bit hashes, not strings (a hash table of 16 to 32 bytes a
    /// declaration while it runs, besides the result's 8); when a hash was seen before, the
    /// declaration at that place is read again and the identities are compared field by field, so
    /// a collision never merges two declarations and the result is exactly ``latest(_:)``'s.
    public static func latestIndices<Declarations: DeclarationCollection>(
        _ declarations: Declarations
    ) -> [Int] {
        latestIndices(declarations, identityHash: \.hashValue64)
    }

    /// ``latestIndices(_:)`` with the identity hash given (tests force collisions with it).
    static func latestIndices<Declarations: DeclarationCollection>(
        _ declarations: Declarations, identityHash: (Identity) -> UInt64
    ) -> [Int] {
        var table = IdentityTable()
        table.reserveCapacity(declarations.count)
        var result: [Int] = []
        result.reserveCapacity(declarations.count)
        declarations.forEach(at: declarations.indices, goodsItems: false) { index, declaration in
            guard let identity = Identity(declaration) else {
                result.append(index)
                return
            }
            let slot = table.slot(of: identityHash(identity), orRecord: result.count) {
                Identity(declarations.header(at: result[$0])) == identity
            }
            if let slot {
                result[slot] = index
            } else {
                result.append(index)
            }
        }
        return result
    }

    /// The 64-bit hash of a declaration's identity (number, declaring country, direction) within
    /// this process; `nil` for a declaration without a number (it has no copies). Kept as a
    /// declaration is read, it lets ``latestIndices(_:identityHashes:)`` find the copies without
    /// reading the batch again.
    public static func identityHash(of declaration: Declaration) -> UInt64? {
        Identity(declaration)?.hashValue64
    }

    /// ``latestIndices(_:)`` from each declaration's ``identityHash(of:)`` (`identityHashes[i]`
    /// for `declarations[i]`): a declaration is read only when its hash was seen before, to
    /// compare the identities exactly, so the result is exactly ``latest(_:)``'s.
    public static func latestIndices<Declarations: DeclarationCollection>(
        _ declarations: Declarations, identityHashes: [UInt64?]
    ) -> [Int] {
        latestIndices(declarations, identityHashesByFile: [identityHashes])
    }

    /// ``latestIndices(_:identityHashes:)`` with the hashes given file by file (the declarations
    /// of `identityHashesByFile[0]`, then those of `[1]`, ...): not joined into one array first.
    public static func latestIndices<Declarations: DeclarationCollection>(
        _ declarations: Declarations, identityHashesByFile: [[UInt64?]]
    ) -> [Int] {
        guard identityHashesByFile.reduce(0, { $0 + $1.count }) == declarations.count else { return latestIndices(declarations) }
        var table = IdentityTable()
        table.reserveCapacity(declarations.count)
        var result: [Int] = []
        result.reserveCapacity(declarations.count)
        var index = -1
        for hashes in identityHashesByFile {
            for hash in hashes {
                index += 1
                guard let hash else {
                    result.append(index)
                    continue
                }
                var identity: Identity?
                let slot = table.slot(of: hash, orRecord: result.count) {
                    if identity == nil { identity = Identity(declarations.header(at: index)) }
                    return Identity(declarations.header(at: result[$0])) == identity
                }
                if let slot {
                    result[slot] = index
                } else {
                    result.append(index)
                }
            }
        }
        return result
    }

    /// What makes two declarations copies of one: number, declaring country, direction (a
    /// missing country or direction counts as empty), compared field by field.
    struct Identity: Hashable {
        var id: String
        var country: String
        var direction: String

        /// `nil` for a declaration without a number: it has no copies. Borrowed: an initializer
        /// otherwise takes its own copy of the declaration, every string and array retained.
        init?(_ declaration: borrowing Declaration) {
            guard let id = declaration.id else { return nil }
            self.id = id
            country = declaration.declaringCountry ?? ""
            direction = declaration.direction?.rawValue ?? ""
        }

        /// The hash within this process (`Hasher` is seeded per process).
        var hashValue64: UInt64 { UInt64(truncatingIfNeeded: hashValue) }
    }
}

/// Slots of identities by their 64-bit hash: 12 bytes a slot plus the table's spare room, instead
/// of the identity's strings. The caller confirms a hash found by comparing the real identities.
struct IdentityTable {
    /// The slot of the first identity seen with each hash.
    private var first: [UInt64: Int32] = [:]
    /// The slots of later identities whose hash collides with an earlier one's (rare).
    private var collided: [UInt64: [Int32]] = [:]

    mutating func reserveCapacity(_ count: Int) {
        first.reserveCapacity(count)
    }

    /// The slot holding the identity hashed `hash` — one of the slots recorded under that hash for
    /// which `isSame` holds — or `nil` after recording `newSlot` for it.
    mutating func slot(of hash: UInt64, orRecord newSlot: Int, isSame: (Int) -> Bool) -> Int? {
        precondition(newSlot < Int(Int32.max), "more than 2³¹ declarations")
        guard let slot = first[hash] else {
            first[hash] = Int32(newSlot)
            return nil
        }
        if isSame(Int(slot)) { return Int(slot) }
        for slot in collided[hash, default: []] where isSame(Int(slot)) { return Int(slot) }
        collided[hash, default: []].append(Int32(newSlot))
        return nil
    }
}
