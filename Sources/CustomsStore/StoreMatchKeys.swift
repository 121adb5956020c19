import CustomsCore

/// Identifier values indexed in the store to find counterparts quickly: transport document,
/// container and invoice numbers, upper case letters and digits only.
enum StoreMatchKeys {
    static func values(of declaration: Declaration) -> [String] {
        var values = declaration.transportDocuments.map(\.number) + declaration.containers
        if let invoice = declaration.invoice?.number { values.append(invoice) }
        return Array(Set(values.map(Identifier.normalized).filter { $0.count >= 4 })).sorted()
    }
}
