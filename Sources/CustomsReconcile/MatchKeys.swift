import CustomsCore

/// The identifiers that tie the two sides of one consignment together, normalized so that the
/// same number written two ways compares equal (`SMGS 31457802`, `31457802`, `smgs-31457802`).
///
/// Only identifiers are compared: names of parties are never matched on spelling (they are
/// written in different scripts on each side of the border).
enum MatchKeys {
    enum Kind: String, CaseIterable {
        case transportDocument = "transport-document"
        case container
        case invoice
    }

    /// One identifier of a declaration: its kind and normalized value.
    struct Key: Hashable {
        var kind: Kind
        var value: String
    }

    static let documentPrefixes = ["CIMSMGS", "SMGS", "CMR", "TIR", "CIM"]

    /// Upper case letters and digits only.
    static func normalized(_ text: String) -> String {
        Identifier.normalized(text)
    }

    /// A transport document number without its type written in front of it.
    static func transportDocument(_ number: String) -> String? {
        // Normalized: ASCII letters and digits only, so its UTF-8 bytes are its characters, and
        // a prefix is compared byte by byte.
        var value = normalized(number)
        let cut = value.withUTF8 { bytes in
            documentPrefixBytes.first { bytes.count > $0.count + 3 && bytes.starts(with: $0) }.map { String(decoding: bytes.dropFirst($0.count), as: UTF8.self) }
        }
        if let cut { value = cut }
        return value.utf8.count >= 4 ? value : nil
    }

    /// The bytes of ``documentPrefixes``, in the same order.
    private static let documentPrefixBytes = documentPrefixes.map { Array($0.utf8) }

    static func keys(of declaration: Declaration) -> [Key] {
        var keys: [Key] = []
        keys.reserveCapacity(declaration.transportDocuments.count + declaration.containers.count + 1)
        for document in declaration.transportDocuments {
            if let number = transportDocument(document.number) { keys.append(Key(kind: .transportDocument, value: number)) }
        }
        for container in declaration.containers {
            let value = normalized(container)
            if value.utf8.count == 11 { keys.append(Key(kind: .container, value: value)) }
        }
        if let number = declaration.invoice?.number {
            let value = normalized(number)
            if value.utf8.count >= 4 { keys.append(Key(kind: .invoice, value: value)) }
        }
        return keys
    }

    /// Party ids both sides carry (the exporter's or importer's id as filed); supporting
    /// evidence only, never enough on its own: the same companies ship every week.
    static func sharedPartyIDs(_ a: Declaration, _ b: Declaration) -> Bool {
        let left = Set([a.exporter?.id, a.importer?.id].compactMap { $0.map(normalized) }.filter { !$0.isEmpty })
        let right = Set([b.exporter?.id, b.importer?.id].compactMap { $0.map(normalized) }.filter { !$0.isEmpty })
        return !left.isDisjoint(with: right)
    }
}
