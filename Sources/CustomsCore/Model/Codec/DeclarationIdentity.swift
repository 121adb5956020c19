/// What the `validate` report writes of each declaration, and what its validity is judged by:
/// the declaration number, the key and the source format.
public struct DeclarationIdentity: Sendable, Hashable {
    public var id: String?
    public var key: String
    public var sourceFormat: String

    public init(id: String?, key: String, sourceFormat: String) {
        self.id = id
        self.key = key
        self.sourceFormat = sourceFormat
    }

    public init(_ declaration: Declaration) {
        self.init(id: declaration.id, key: declaration.key, sourceFormat: declaration.sourceFormat)
    }
}

extension DeclarationCodec {
    /// The identity of the declaration encoded in `bytes` (what ``encode(_:into:)`` wrote): its
    /// presence bits, key, format and number are read, nothing after them — a few hundred
    /// instructions where ``decode(_:goodsItems:)`` of the header reads every field. `nil` when
    /// those first fields are not readable; the rest of the bytes is not checked. Never traps.
    public static func decodeIdentity(_ bytes: UnsafeRawBufferPointer) -> DeclarationIdentity? {
        var reader = ByteReader(bytes)
        do {
            let bits = try reader.varint()
            guard bits & ~DeclarationField.all == 0 else { return nil }
            let key = try reader.string()
            let sourceFormat = try reader.string()
            // The source file: skipped.
            try reader.skip(try reader.count(minimumSize: 1))
            let id = bits & DeclarationField.id != 0 ? try reader.string() : nil
            return DeclarationIdentity(id: id, key: key, sourceFormat: sourceFormat)
        } catch {
            return nil
        }
    }
}
