/// The parts of a declaration in ``DeclarationCodec``'s encoding: timestamps, parties, invoice,
/// totals, events, transport documents, `asFiled`, enums. Each optional field is a bit of a
/// flags byte (or varint) written before the values present; a bit the writer never sets makes
/// the bytes invalid.
extension ByteWriter {
    /// Flags (bit 0: milliseconds present), zigzag seconds, zigzag offset, then the milliseconds.
    mutating func timestamp(_ value: Timestamp) {
        byte(value.milliseconds == nil ? 0 : 1)
        signed(value.epochSeconds)
        signed(value.utcOffsetSeconds)
        if let milliseconds = value.milliseconds { signed(milliseconds) }
    }

    /// Flags (bits 0–2: name, id, country), then those present.
    mutating func party(_ value: Party) {
        byte((value.name == nil ? 0 : 1) | (value.id == nil ? 0 : 2) | (value.country == nil ? 0 : 4))
        if let name = value.name { string(name) }
        if let id = value.id { string(id) }
        if let country = value.country { string(country) }
    }

    /// Flags (bits 0–2: number, currency, amount), then those present.
    mutating func invoice(_ value: Invoice) {
        byte((value.number == nil ? 0 : 1) | (value.currency == nil ? 0 : 2) | (value.amount == nil ? 0 : 4))
        if let number = value.number { string(number) }
        if let currency = value.currency { string(currency) }
        if let amount = value.amount { DecimalBytes.write(amount, to: &self) }
    }

    /// Flags (bits 0–3: gross mass, net mass, packages, goods item count), then those present.
    mutating func totals(_ value: Totals) {
        byte(
            (value.grossMassKg == nil ? 0 : 1) | (value.netMassKg == nil ? 0 : 2) | (value.packages == nil ? 0 : 4)
                | (value.goodsItemCount == nil ? 0 : 8))
        if let grossMassKg = value.grossMassKg { DecimalBytes.write(grossMassKg, to: &self) }
        if let netMassKg = value.netMassKg { DecimalBytes.write(netMassKg, to: &self) }
        if let packages = value.packages { DecimalBytes.write(packages, to: &self) }
        if let goodsItemCount = value.goodsItemCount { signed(goodsItemCount) }
    }

    /// Milestone, flags (bit 0: location present, bit 1: zone assumed), instant, location.
    mutating func event(_ value: Event) {
        string(value.milestone)
        byte((value.location == nil ? 0 : 1) | (value.zoneAssumed ? 2 : 0))
        timestamp(value.at)
        if let location = value.location { string(location) }
    }

    mutating func transportDocument(_ value: TransportDocument) {
        string(value.type)
        string(value.number)
    }

    /// The entry count, then each name and raw text, in order.
    mutating func asFiled(_ value: AsFiled) {
        count(value.entries.count)
        for entry in value.entries {
            string(entry.name)
            string(entry.raw)
        }
    }

    /// The case's index in `allCases` (passed in, read once), one byte.
    mutating func enumCase<Case: Equatable>(_ value: Case, in cases: [Case]) {
        byte(UInt8(truncatingIfNeeded: cases.firstIndex(of: value) ?? 0xFF))
    }
}

extension ByteReader {
    /// A flags byte with no bit beyond `mask`.
    mutating func flags(_ mask: UInt8) throws(CodecError) -> UInt8 {
        let flags = try byte()
        guard flags & ~mask == 0 else { throw CodecError() }
        return flags
    }

    mutating func timestamp() throws(CodecError) -> Timestamp {
        let flags = try flags(1)
        let epochSeconds = try signed64()
        let offset = try signed()
        let milliseconds = flags & 1 != 0 ? try signed() : nil
        return Timestamp(epochSeconds: epochSeconds, milliseconds: milliseconds, utcOffsetSeconds: offset)
    }

    mutating func party() throws(CodecError) -> Party {
        let flags = try flags(7)
        var party = Party()
        if flags & 1 != 0 { party.name = try string() }
        if flags & 2 != 0 { party.id = try string() }
        if flags & 4 != 0 { party.country = try string() }
        return party
    }

    mutating func invoice() throws(CodecError) -> Invoice {
        let flags = try flags(7)
        var invoice = Invoice()
        if flags & 1 != 0 { invoice.number = try string() }
        if flags & 2 != 0 { invoice.currency = try string() }
        if flags & 4 != 0 { invoice.amount = try decimal() }
        return invoice
    }

    mutating func totals() throws(CodecError) -> Totals {
        let flags = try flags(15)
        var totals = Totals()
        if flags & 1 != 0 { totals.grossMassKg = try decimal() }
        if flags & 2 != 0 { totals.netMassKg = try decimal() }
        if flags & 4 != 0 { totals.packages = try decimal() }
        if flags & 8 != 0 { totals.goodsItemCount = try signed() }
        return totals
    }

    mutating func event() throws(CodecError) -> Event {
        let milestone = try string()
        let flags = try flags(3)
        let at = try timestamp()
        let location = flags & 1 != 0 ? try string() : nil
        return Event(milestone: milestone, at: at, location: location, zoneAssumed: flags & 2 != 0)
    }

    mutating func transportDocument() throws(CodecError) -> TransportDocument {
        let type = try string()
        return TransportDocument(type: type, number: try string())
    }

    /// The entries are read into one array of the right capacity, which becomes the `AsFiled`
    /// as it was encoded (its names are unique, as every `AsFiled`'s are).
    mutating func asFiled() throws(CodecError) -> AsFiled {
        let count = try count(minimumSize: 2)
        guard count > 0 else { return AsFiled() }
        var entries: [(name: String, raw: String)] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let name = try string()
            entries.append((name: name, raw: try string()))
        }
        return AsFiled(decodedEntries: entries)
    }

    mutating func enumCase<Case>(in cases: [Case]) throws(CodecError) -> Case {
        let index = Int(try byte())
        guard index < cases.count else { throw CodecError() }
        return cases[index]
    }

    /// `count` values read by `read`, the count checked against the bytes left first.
    mutating func array<Element>(
        minimumSize: Int, _ read: (inout ByteReader) throws(CodecError) -> Element
    ) throws(CodecError) -> [Element] {
        let count = try count(minimumSize: minimumSize)
        guard count > 0 else { return [] }
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try read(&self)) }
        return elements
    }
}
