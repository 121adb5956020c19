/// A compact, exact binary form of a ``Declaration``, for a batch that spills its declarations
/// to a temporary file and reads them back in the cross-file stages instead of holding them all.
///
/// The form is private to one process: what ``encode(_:into:)`` wrote, this build's
/// ``decode(_:goodsItems:)`` reads. There is no version and no promise across releases; never
/// store it or send it elsewhere.
///
/// ## Shape
///
/// 1. A varint of presence bits, one per optional header field (`id` … `riskChannel`,
///    `source.line`, `source.row`).
/// 2. `key`, `sourceFormat` and `source.file`, then each present optional in the order of its
///    bit.
/// 3. Transport documents, containers, events, `asFiled`, `personalData`, each a varint count and
///    its elements. `personalData` is sorted, so equal declarations encode identically.
/// 4. Last, the goods items: their total byte length (4 bytes, little-endian), a varint count and
///    each item (presence bits, values, `asFiled`). The length lets
///    `decode(_:goodsItems: false)` skip them without reading.
///
/// Strings are UTF-8 after a varint byte count; integers are varints (zigzag for signed ones);
/// enums the index of their case in `allCases`; a part with optional fields (party, invoice,
/// totals, event, timestamp) a flags byte, then the fields present; every `Decimal` its own bytes
/// (see `DecimalBytes`), so its exponent and mantissa come back as they were (mantissa 150,
/// exponent −2 does not become 15 × 10⁻¹).
///
/// ## Exactness
///
/// `decode(encode(d)) == d` for every declaration, and every `Decimal` is bit for bit the same.
/// Decoding never traps: hostile or truncated bytes give `nil`. Both functions keep no state and
/// may run on any thread.
public enum DeclarationCodec {
    /// Appends the encoding of `declaration` to `bytes`. Several declarations may share one array,
    /// each then needing its own bounds: the encoding does not say where it ends.
    ///
    /// The corpus's declarations take 400–450 bytes plus about 100 per goods item, some 40 % of
    /// their JSON.
    ///
    /// With a `form` other than ``EncodingForm/whole``, what is written is the encoding of the
    /// declaration reduced to that form, read where it lies (no reduced copy is made).
    public static func encode(_ declaration: Declaration, form: EncodingForm = .whole, into bytes: inout [UInt8]) {
        // A typical declaration fits the stack; a larger one moves to the heap as it grows.
        withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 16) { scratch in
            var writer = ByteWriter(scratch: scratch)
            writer.declaration(declaration, form: form)
            writer.append(to: &bytes)
        }
    }

    /// The declaration encoded in `bytes`, which must be exactly what ``encode(_:into:)`` wrote
    /// for it; `nil` when they are not one (truncated, followed by other bytes, or holding a value
    /// the encoder never writes). Never traps, whatever the bytes.
    ///
    /// With `goodsItems: false` the goods items are skipped without being read, in constant time,
    /// and the result's `goodsItems` is empty: for the stages that read only the header.
    public static func decode(_ bytes: UnsafeRawBufferPointer, goodsItems: Bool = true) -> Declaration? {
        var reader = ByteReader(bytes)
        do {
            let declaration = try reader.declaration(goodsItems: goodsItems)
            return reader.remaining == 0 ? declaration : nil
        } catch {
            return nil
        }
    }
}

/// The presence bits of a declaration's optional header fields.
enum DeclarationField {
    static let id: UInt64 = 1 << 0
    static let messageType: UInt64 = 1 << 1
    static let declaringCountry: UInt64 = 1 << 2
    static let direction: UInt64 = 1 << 3
    static let procedure: UInt64 = 1 << 4
    static let customsOffice: UInt64 = 1 << 5
    static let lodgedOn: UInt64 = 1 << 6
    static let lodgedAt: UInt64 = 1 << 7
    static let transportMode: UInt64 = 1 << 8
    static let borderCrossing: UInt64 = 1 << 9
    static let exporter: UInt64 = 1 << 10
    static let importer: UInt64 = 1 << 11
    static let declarant: UInt64 = 1 << 12
    static let invoice: UInt64 = 1 << 13
    static let incoterm: UInt64 = 1 << 14
    static let totals: UInt64 = 1 << 15
    static let riskChannel: UInt64 = 1 << 16
    static let sourceLine: UInt64 = 1 << 17
    static let sourceRow: UInt64 = 1 << 18
    static let all: UInt64 = (1 << 19) - 1

    static let directions = Direction.allCases
    static let transportModes = TransportMode.allCases
    static let riskChannels = RiskChannel.allCases
}

extension ByteWriter {
    mutating func declaration(_ d: Declaration, form: EncodingForm = .whole) {
        typealias F = DeclarationField
        let crossFile = form.crossFile
        // The parties as the form keeps them (a party with only a name is no party there).
        let exporter = crossFile ? d.exporter?.withoutName : d.exporter
        let importer = crossFile ? d.importer?.withoutName : d.importer
        let declarant = crossFile ? d.declarant?.withoutName : d.declarant
        var bits: UInt64 = 0
        if d.id != nil { bits |= F.id }
        if d.messageType != nil { bits |= F.messageType }
        if d.declaringCountry != nil { bits |= F.declaringCountry }
        if d.direction != nil { bits |= F.direction }
        if d.procedure != nil { bits |= F.procedure }
        if d.customsOffice != nil { bits |= F.customsOffice }
        if d.lodgedOn != nil { bits |= F.lodgedOn }
        if d.lodgedAt != nil { bits |= F.lodgedAt }
        if d.transportMode != nil { bits |= F.transportMode }
        if d.borderCrossing != nil { bits |= F.borderCrossing }
        if exporter != nil { bits |= F.exporter }
        if importer != nil { bits |= F.importer }
        if declarant != nil { bits |= F.declarant }
        if d.invoice != nil { bits |= F.invoice }
        if d.incoterm != nil { bits |= F.incoterm }
        if d.totals != nil { bits |= F.totals }
        if d.riskChannel != nil { bits |= F.riskChannel }
        if d.source.line != nil { bits |= F.sourceLine }
        if d.source.row != nil { bits |= F.sourceRow }
        varint(bits)
        string(d.key)
        string(d.sourceFormat)
        string(form.omitsFile ? "" : d.source.file)
        if let id = d.id { string(id) }
        if let messageType = d.messageType { string(messageType) }
        if let declaringCountry = d.declaringCountry { string(declaringCountry) }
        if let direction = d.direction { enumCase(direction, in: F.directions) }
        if let procedure = d.procedure { string(procedure) }
        if let customsOffice = d.customsOffice { string(customsOffice) }
        if let lodgedOn = d.lodgedOn { string(lodgedOn) }
        if let lodgedAt = d.lodgedAt { timestamp(lodgedAt) }
        if let transportMode = d.transportMode { enumCase(transportMode, in: F.transportModes) }
        if let borderCrossing = d.borderCrossing { string(borderCrossing) }
        if let exporter { party(exporter) }
        if let importer { party(importer) }
        if let declarant { party(declarant) }
        if let invoice = d.invoice { self.invoice(invoice) }
        if let incoterm = d.incoterm { string(incoterm) }
        if let totals = d.totals { self.totals(totals) }
        if let riskChannel = d.riskChannel { enumCase(riskChannel, in: F.riskChannels) }
        if let line = d.source.line { signed(line) }
        if let row = d.source.row { signed(row) }

        count(d.transportDocuments.count)
        for document in d.transportDocuments { transportDocument(document) }
        count(d.containers.count)
        for container in d.containers { string(container) }
        count(d.events.count)
        for event in d.events { self.event(event) }
        if crossFile {
            let lrn = d.asFiled["LRN"]
            count(lrn == nil ? 0 : 1)
            if let lrn {
                string("LRN")
                string(lrn)
            }
            count(0)
        } else {
            asFiled(d.asFiled)
            count(d.personalData.count)
        }
        if !crossFile, !d.personalData.isEmpty {
            for name in d.personalData.sorted() { string(name) }
        }

        let lengthAt = placeholderUInt32()
        count(d.goodsItems.count)
        // Through a buffer pointer: each item is read in place, not copied.
        d.goodsItems.withUnsafeBufferPointer { items in
            guard let first = items.baseAddress else { return }
            for index in items.indices { goodsItem(at: first + index, crossFile: crossFile) }
        }
        let length = count - lengthAt - 4
        precondition(length <= Int(UInt32.max), "the goods items of one declaration exceed 4 GiB")
        patchUInt32(at: lengthAt, UInt32(length))
    }
}

extension ByteReader {
    mutating func declaration(goodsItems readsGoodsItems: Bool) throws(CodecError) -> Declaration {
        typealias F = DeclarationField
        let bits = try varint()
        guard bits & ~F.all == 0 else { throw CodecError() }
        let key = try string()
        let sourceFormat = try string()
        let file = try string()
        var d = Declaration(sourceFormat: sourceFormat, source: SourceLocation(file: file))
        d.key = key
        if bits & F.id != 0 { d.id = try string() }
        if bits & F.messageType != 0 { d.messageType = try string() }
        if bits & F.declaringCountry != 0 { d.declaringCountry = try string() }
        if bits & F.direction != 0 { d.direction = try enumCase(in: F.directions) }
        if bits & F.procedure != 0 { d.procedure = try string() }
        if bits & F.customsOffice != 0 { d.customsOffice = try string() }
        if bits & F.lodgedOn != 0 { d.lodgedOn = try string() }
        if bits & F.lodgedAt != 0 { d.lodgedAt = try timestamp() }
        if bits & F.transportMode != 0 { d.transportMode = try enumCase(in: F.transportModes) }
        if bits & F.borderCrossing != 0 { d.borderCrossing = try string() }
        if bits & F.exporter != 0 { d.exporter = try party() }
        if bits & F.importer != 0 { d.importer = try party() }
        if bits & F.declarant != 0 { d.declarant = try party() }
        if bits & F.invoice != 0 { d.invoice = try invoice() }
        if bits & F.incoterm != 0 { d.incoterm = try string() }
        if bits & F.totals != 0 { d.totals = try totals() }
        if bits & F.riskChannel != 0 { d.riskChannel = try enumCase(in: F.riskChannels) }
        if bits & F.sourceLine != 0 { d.source.line = try signed() }
        if bits & F.sourceRow != 0 { d.source.row = try signed() }

        d.transportDocuments = try array(minimumSize: 2) { reader throws(CodecError) in try reader.transportDocument() }
        d.containers = try array(minimumSize: 1) { reader throws(CodecError) in try reader.string() }
        // Milestone, flags, and an instant of three bytes at least.
        d.events = try array(minimumSize: 5) { reader throws(CodecError) in try reader.event() }
        d.asFiled = try asFiled()
        let personalCount = try count()
        if personalCount > 0 {
            var names = Set<String>(minimumCapacity: personalCount)
            for _ in 0..<personalCount {
                guard names.insert(try string()).inserted else { throw CodecError() }
            }
            d.personalData = names
        }

        let length = Int(try uint32())
        guard length <= remaining else { throw CodecError() }
        if readsGoodsItems {
            let sectionEnd = position + length
            let outerEnd = end
            end = sectionEnd
            let count = try count(minimumSize: GoodsItemField.minimumSize)
            if count > 0 {
                var items: [GoodsItem] = []
                items.reserveCapacity(count)
                for _ in 0..<count { items.append(try goodsItem()) }
                d.goodsItems = items
            }
            guard position == sectionEnd else { throw CodecError() }
            end = outerEnd
        } else {
            try skip(length)
        }
        return d
    }
}
