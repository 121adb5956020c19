/// A goods item in ``DeclarationCodec``'s encoding: a varint of presence bits, the values
/// present in the order of the bits, then the item's `asFiled`.
enum GoodsItemField {
    static let sequence: UInt64 = 1 << 0
    static let hsCode: UInt64 = 1 << 1
    static let nationalCode: UInt64 = 1 << 2
    static let description: UInt64 = 1 << 3
    static let originCountry: UInt64 = 1 << 4
    static let quantity: UInt64 = 1 << 5
    static let unit: UInt64 = 1 << 6
    static let grossMassKg: UInt64 = 1 << 7
    static let netMassKg: UInt64 = 1 << 8
    static let packages: UInt64 = 1 << 9
    static let unitPrice: UInt64 = 1 << 10
    static let value: UInt64 = 1 << 11
    static let currency: UInt64 = 1 << 12
    static let sourceLine: UInt64 = 1 << 13
    static let unitPriceDecimals: UInt64 = 1 << 14
    static let all: UInt64 = (1 << 15) - 1
    /// Presence bits (one byte) and an `asFiled` count (one byte) at least.
    static let minimumSize = 2
}

extension ByteWriter {
    /// The item is read where it lies in the declaration's array (`pointer.pointee.field`, an
    /// addressor): binding it to a local first copied it, retaining each of its strings, which
    /// made encoding about 15 % slower.
    ///
    /// `crossFile`: the item as the cross-file form keeps it (``EncodingForm/crossFile``), without
    /// its description and its `asFiled`.
    mutating func goodsItem(at pointer: UnsafePointer<GoodsItem>, crossFile: Bool = false) {
        typealias F = GoodsItemField
        var bits: UInt64 = 0
        if pointer.pointee.sequence != nil { bits |= F.sequence }
        if pointer.pointee.hsCode != nil { bits |= F.hsCode }
        if pointer.pointee.nationalCode != nil { bits |= F.nationalCode }
        if !crossFile, pointer.pointee.description != nil { bits |= F.description }
        if pointer.pointee.originCountry != nil { bits |= F.originCountry }
        if pointer.pointee.quantity != nil { bits |= F.quantity }
        if pointer.pointee.unit != nil { bits |= F.unit }
        if pointer.pointee.grossMassKg != nil { bits |= F.grossMassKg }
        if pointer.pointee.netMassKg != nil { bits |= F.netMassKg }
        if pointer.pointee.packages != nil { bits |= F.packages }
        if pointer.pointee.unitPrice != nil { bits |= F.unitPrice }
        if pointer.pointee.value != nil { bits |= F.value }
        if pointer.pointee.currency != nil { bits |= F.currency }
        if pointer.pointee.sourceLine != nil { bits |= F.sourceLine }
        if pointer.pointee.unitPriceDecimals != nil { bits |= F.unitPriceDecimals }
        varint(bits)
        if let sequence = pointer.pointee.sequence { signed(sequence) }
        if let hsCode = pointer.pointee.hsCode { string(hsCode) }
        if let nationalCode = pointer.pointee.nationalCode { string(nationalCode) }
        if !crossFile, let description = pointer.pointee.description { string(description) }
        if let originCountry = pointer.pointee.originCountry { string(originCountry) }
        if let quantity = pointer.pointee.quantity { DecimalBytes.write(quantity, to: &self) }
        if let unit = pointer.pointee.unit { string(unit) }
        if let grossMassKg = pointer.pointee.grossMassKg { DecimalBytes.write(grossMassKg, to: &self) }
        if let netMassKg = pointer.pointee.netMassKg { DecimalBytes.write(netMassKg, to: &self) }
        if let packages = pointer.pointee.packages { DecimalBytes.write(packages, to: &self) }
        if let unitPrice = pointer.pointee.unitPrice { DecimalBytes.write(unitPrice, to: &self) }
        if let value = pointer.pointee.value { DecimalBytes.write(value, to: &self) }
        if let currency = pointer.pointee.currency { string(currency) }
        if let sourceLine = pointer.pointee.sourceLine { signed(sourceLine) }
        if let decimals = pointer.pointee.unitPriceDecimals { signed(decimals) }
        if crossFile { count(0) } else { asFiled(pointer.pointee.asFiled) }
    }
}

extension ByteReader {
    mutating func goodsItem() throws(CodecError) -> GoodsItem {
        typealias F = GoodsItemField
        let bits = try varint()
        guard bits & ~F.all == 0 else { throw CodecError() }
        var item = GoodsItem()
        if bits & F.sequence != 0 { item.sequence = try signed() }
        if bits & F.hsCode != 0 { item.hsCode = try string() }
        if bits & F.nationalCode != 0 { item.nationalCode = try string() }
        if bits & F.description != 0 { item.description = try string() }
        if bits & F.originCountry != 0 { item.originCountry = try string() }
        if bits & F.quantity != 0 { item.quantity = try decimal() }
        if bits & F.unit != 0 { item.unit = try string() }
        if bits & F.grossMassKg != 0 { item.grossMassKg = try decimal() }
        if bits & F.netMassKg != 0 { item.netMassKg = try decimal() }
        if bits & F.packages != 0 { item.packages = try decimal() }
        if bits & F.unitPrice != 0 { item.unitPrice = try decimal() }
        if bits & F.value != 0 { item.value = try decimal() }
        if bits & F.currency != 0 { item.currency = try string() }
        if bits & F.sourceLine != 0 { item.sourceLine = try signed() }
        if bits & F.unitPriceDecimals != 0 { item.unitPriceDecimals = try signed() }
        item.asFiled = try asFiled()
        return item
    }
}
