@testable import CustomsCore
import Foundation
import Testing

/// The spill encoding of a declaration: exact round trips (every `Decimal` bit for bit), the
/// header read without the goods items, and hostile bytes that never trap.
@Suite struct DeclarationCodecTests {
    // MARK: Round trips

    @Test func aDeclarationWithEveryFieldSetRoundTrips() throws {
        let declaration = Self.full()
        let bytes = Self.encoded(declaration)
        let decoded = try #require(Self.decoded(bytes))
        #expect(decoded == declaration)
        Self.expectSameDecimalBytes(decoded, declaration)
        // Spot checks, so that `==` is not the only witness.
        #expect(decoded.key == "201802011651490001")
        #expect(decoded.source == SourceLocation(file: "/spool/批次 7/Dec201802011651490001.xml", line: 3, row: 12))
        #expect(decoded.personalData == ["BuyerIdNumber", "BuyerTelephone", "GoodsItem/ConsigneeIdNumber"])
        #expect(decoded.events[1].zoneAssumed)
        #expect(decoded.events[1].at.milliseconds == 250)
        #expect(decoded.asFiled["GrossWt#2"] == "762.100")
        #expect(decoded.goodsItems[1].asFiled["GUnit"] == "007")
        #expect(decoded.goodsItems[1].sourceLine == 61)
        #expect(decoded.goodsItems[0].unitPriceDecimals == 6 && decoded.goodsItems[1].unitPriceDecimals == nil)
        // 762.10 as mantissa 76210, exponent −2: not normalized to 7621 × 10⁻¹ on the way.
        #expect(decoded.totals?.grossMassKg == Decimal(string: "762.1"))
        #expect(decoded.totals?.grossMassKg?.exponent == -2)
        #expect(decoded.totals?.grossMassKg?.significand == 76_210)
        #expect(decoded.goodsItems[0].grossMassKg.map(Self.bytes(of:)) == Decimal(string: "190.50").map(Self.bytes(of:)))
    }

    @Test func emptyAndMissingValuesRoundTrip() throws {
        for declaration in Self.sparse() {
            let decoded = try #require(Self.decoded(Self.encoded(declaration)))
            #expect(decoded == declaration)
            Self.expectSameDecimalBytes(decoded, declaration)
        }
    }

    @Test func equalDeclarationsEncodeIdentically() throws {
        let declaration = Self.full()
        let bytes = Self.encoded(declaration)
        // Re-encoding what was decoded gives the same bytes.
        #expect(Self.encoded(try #require(Self.decoded(bytes))) == bytes)
        // The same personal data names in a set built another way (other capacity, other order).
        var other = declaration
        var names = Set<String>(minimumCapacity: 64)
        for name in declaration.personalData.sorted().reversed() { names.insert(name) }
        other.personalData = names
        #expect(other == declaration)
        #expect(Self.encoded(other) == bytes)
    }

    @Test func encodingAppendsToWhatTheArrayHolds() {
        let first = Self.full()
        let second = Self.sparse()[1]
        var bytes: [UInt8] = [0xAB, 0xCD]
        DeclarationCodec.encode(first, into: &bytes)
        let middle = bytes.count
        DeclarationCodec.encode(second, into: &bytes)
        #expect(bytes[0..<2] == [0xAB, 0xCD])
        #expect(Array(bytes[2..<middle]) == Self.encoded(first))
        let (a, b) = bytes.withUnsafeBytes { raw in
            (DeclarationCodec.decode(UnsafeRawBufferPointer(rebasing: raw[2..<middle])),
             DeclarationCodec.decode(UnsafeRawBufferPointer(rebasing: raw[middle...])))
        }
        #expect(a == first)
        #expect(b == second)
    }

    /// Larger than the encoder's stack scratch (4 KiB): the bytes move to the heap as they grow.
    @Test func aLargeDeclarationRoundTrips() throws {
        var declaration = Self.full()
        declaration.goodsItems = (0..<300).map { index in
            var item = Self.full().goodsItems[index % 2]
            item.sequence = index + 1
            item.description = String(repeating: "Ноутбук ", count: index % 40)
            return item
        }
        declaration.containers = (0..<200).map { "MSCU\(1_000_000 + $0)" }
        let bytes = Self.encoded(declaration)
        #expect(bytes.count > 20_000)
        let decoded = try #require(Self.decoded(bytes))
        #expect(decoded == declaration)
        Self.expectSameDecimalBytes(decoded, declaration)
    }

    // MARK: Decimals

    /// 1.50 held as mantissa 150, exponent −2 (not Foundation's normal form 15 × 10⁻¹) stays so;
    /// so do the extremes and a mantissa beyond 64 bits (the 20-byte form).
    @Test func everyDecimalKeepsItsExactBytes() throws {
        let values = Self.decimals()
        for value in values {
            var declaration = Declaration(sourceFormat: "csv", source: SourceLocation(file: "a.csv", row: 2))
            declaration.invoice = Invoice(amount: value)
            var item = GoodsItem()
            item.unitPrice = value
            declaration.goodsItems = [item]
            let decoded = try #require(Self.decoded(Self.encoded(declaration)))
            let amount = try #require(decoded.invoice?.amount)
            let unitPrice = try #require(decoded.goodsItems.first?.unitPrice)
            #expect(Self.bytes(of: amount) == Self.bytes(of: value), "\(value)")
            #expect(Self.bytes(of: unitPrice) == Self.bytes(of: value), "\(value)")
        }
        #expect(values[0] == Decimal(string: "1.5"))
        #expect(values[0].exponent == -2 && values[0].significand == 150)
        #expect(values[1] == Decimal(string: "762.1"))
        #expect(values[1].exponent == -2 && values[1].significand == 76_210)
    }

    /// What the codec relies on about `Decimal`'s layout, checked as `SmallDecimal` checks it.
    @Test func decimalLayoutIsTheOneTheCodecReads() {
        #expect(DecimalBytes.size == 20)
        #expect(DecimalBytes.layoutKnown)
    }

    // MARK: Goods items skipped

    @Test func withoutGoodsItemsTheHeaderIsTheSame() throws {
        for declaration in [Self.full()] + Self.sparse() {
            let bytes = Self.encoded(declaration)
            let header = try #require(Self.decoded(bytes, goodsItems: false))
            var expected = declaration
            expected.goodsItems = []
            #expect(header == expected)
            Self.expectSameDecimalBytes(header, expected)
        }
    }

    /// The goods items are not read at all: bytes there that would not decode do not matter.
    @Test func withoutGoodsItemsTheItemBytesAreNotRead() throws {
        let declaration = Self.full()
        var bytes = Self.encoded(declaration)
        // The header-only encoding ends with its goods item count (0); from there on, ours holds
        // the count and the items.
        let itemsStart = Self.encoded(Self.withoutItems(declaration)).count - 1
        for index in itemsStart..<bytes.count { bytes[index] = 0xFF }
        #expect(Self.decoded(bytes) == nil)
        let header = try #require(Self.decoded(bytes, goodsItems: false))
        #expect(header == Self.withoutItems(declaration))
    }

    // MARK: Hostile bytes

    @Test func everyStrictPrefixIsNil() {
        for declaration in [Self.full()] + Self.sparse() {
            let bytes = Self.encoded(declaration)
            for length in 0..<bytes.count {
                let prefix = Array(bytes[..<length])
                #expect(Self.decoded(prefix) == nil, "prefix of \(length) of \(bytes.count) bytes")
                #expect(Self.decoded(prefix, goodsItems: false) == nil, "prefix of \(length) of \(bytes.count) bytes")
            }
        }
    }

    @Test func trailingBytesAreNil() {
        let bytes = Self.encoded(Self.full())
        #expect(Self.decoded(bytes + [0]) == nil)
        #expect(Self.decoded(bytes + [0], goodsItems: false) == nil)
    }

    @Test func valuesTheEncoderNeverWritesAreNil() {
        let minimal = Self.encoded(Declaration(sourceFormat: "csv", source: SourceLocation(file: "f")))
        // Presence bits, key "", format "csv", file "f", 5 empty lists, goods length 1, count 0.
        #expect(minimal == [0, 0, 3, 0x63, 0x73, 0x76, 1, 0x66, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0])
        // Bit 19 (varint 0x80 0x80 0x20): no such field.
        #expect(Self.decoded([0x80, 0x80, 0x20] + minimal[1...]) == nil)
        #expect(Self.decoded([0x80, 0x80, 0x00] + minimal[1...]) == Declaration(sourceFormat: "csv", source: SourceLocation(file: "f")))
        // Direction present, with an index past `Direction.allCases`.
        let direction: [UInt8] = [0x08, 0, 1, 0x63, 1, 0x66, UInt8(Direction.allCases.count), 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]
        #expect(Self.decoded(direction) == nil)
        var validDirection = direction
        validDirection[6] = 1
        #expect(Self.decoded(validDirection)?.direction == Direction.allCases[1])
        // A count far beyond the bytes left, and a varint longer than 64 bits.
        #expect(Self.decoded([0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]) == nil)
        #expect(Self.decoded([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F] + minimal[1...]) == nil)
        #expect(Self.decoded([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01] + minimal[1...]) == nil)
        // A goods item length past the end.
        var longItems = minimal
        longItems[longItems.count - 5] = 9
        #expect(Self.decoded(longItems) == nil)
        #expect(Self.decoded(longItems, goodsItems: false) == nil)
    }

    @Test func hostileDecimalsAreNil() throws {
        var declaration = Declaration(sourceFormat: "csv", source: SourceLocation(file: "f"))
        declaration.invoice = Invoice(amount: Decimal(string: "1.5"))
        let bytes = Self.encoded(declaration)
        #expect(Self.decoded(bytes)?.invoice?.amount == Decimal(string: "1.5"))
        // invoice flags (4: amount) then the compact decimal: tag 1, exponent, flags, one mantissa byte.
        let at = try #require(bytes.indices.first { bytes[$0] == 4 && bytes[$0 + 1] == 1 })
        var badTag = bytes
        badTag[at + 1] = 10
        #expect(Self.decoded(badTag) == nil)
        var badLength = bytes
        badLength[at + 3] = 0xF4  // a mantissa length of 15 words
        #expect(Self.decoded(badLength) == nil)
    }

    /// Thousands of seeded random corruptions of real encodings, and random bytes: decoding
    /// answers (a declaration or nil) and never traps; whatever it answers encodes again.
    @Test func randomCorruptionsNeverTrap() {
        var random = SplitMix64(seed: 0x5EED_C0DE_C5)
        let originals = ([Self.full()] + Self.sparse()).map(Self.encoded)
        var decodedCount = 0
        for round in 0..<4_000 {
            var bytes = originals[round % originals.count]
            let flips = 1 + Int(random.next() % 4)
            for _ in 0..<flips {
                let index = Int(random.next() % UInt64(bytes.count))
                bytes[index] = UInt8(truncatingIfNeeded: random.next())
            }
            if round % 10 == 0 { bytes.removeLast(Int(random.next() % UInt64(bytes.count))) }
            for goodsItems in [true, false] {
                if let declaration = Self.decoded(bytes, goodsItems: goodsItems) {
                    decodedCount += 1
                    _ = Self.encoded(declaration)
                }
            }
        }
        for _ in 0..<1_000 {
            let bytes = (0..<Int(random.next() % 200)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            _ = Self.decoded(bytes)
            _ = Self.decoded(bytes, goodsItems: false)
        }
        // Flips inside strings and numbers still decode: the loop did exercise the whole reader.
        #expect(decodedCount > 0)
    }

    // MARK: Support

    struct SplitMix64 {
        var state: UInt64
        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state = state &+ 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func encoded(_ declaration: Declaration) -> [UInt8] {
        var bytes: [UInt8] = []
        DeclarationCodec.encode(declaration, into: &bytes)
        return bytes
    }

    static func decoded(_ bytes: [UInt8], goodsItems: Bool = true) -> Declaration? {
        bytes.withUnsafeBytes { DeclarationCodec.decode($0, goodsItems: goodsItems) }
    }

    static func bytes(of value: Decimal) -> [UInt8] {
        withUnsafeBytes(of: value) { Array($0) }
    }

    static func withoutItems(_ declaration: Declaration) -> Declaration {
        var copy = declaration
        copy.goodsItems = []
        return copy
    }

    /// Every `Decimal` of a declaration, header then items, in a fixed order.
    static func decimalFields(_ declaration: Declaration) -> [Decimal?] {
        [declaration.invoice?.amount, declaration.totals?.grossMassKg, declaration.totals?.netMassKg, declaration.totals?.packages]
            + declaration.goodsItems.flatMap { [$0.quantity, $0.grossMassKg, $0.netMassKg, $0.packages, $0.unitPrice, $0.value] }
    }

    static func expectSameDecimalBytes(_ decoded: Declaration, _ original: Declaration, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let a = decimalFields(decoded)
        let b = decimalFields(original)
        #expect(a.count == b.count, sourceLocation: sourceLocation)
        for (x, y) in zip(a, b) {
            #expect(x.map(bytes(of:)) == y.map(bytes(of:)), "\(String(describing: x)) vs \(String(describing: y))", sourceLocation: sourceLocation)
        }
    }

    /// `mantissa × 10^exponent` exactly so, as the adapters never build it: Foundation normalizes
    /// (`Decimal(string: "1.50")` is 15 × 10⁻¹), so the bytes are written in the layout that
    /// ``decimalLayoutIsTheOneTheCodecReads()`` checks: exponent, length in the high nibble, mantissa words.
    static func unnormalized(_ mantissa: UInt64, exponent: Int8) -> Decimal {
        var value = Decimal()
        let length = (64 - mantissa.leadingZeroBitCount + 15) / 16
        withUnsafeMutableBytes(of: &value) { bytes in
            bytes[0] = UInt8(bitPattern: exponent)
            bytes[1] = UInt8(length << 4)
            for word in 0..<4 {
                bytes[4 + 2 * word] = UInt8(truncatingIfNeeded: mantissa >> (16 * word))
                bytes[5 + 2 * word] = UInt8(truncatingIfNeeded: mantissa >> (16 * word + 8))
            }
        }
        return value
    }

    /// `1.50` as mantissa 150 and exponent −2, then the domain's values and the extremes.
    static func decimals() -> [Decimal] {
        let texts = ["762.10", "652.83", "0.0414", "-729.34", "48250.00", "0", "17600", "60000.204", "18446744073709551615",
                     "18446744073709551616", "12345678901234567890123456789012345678", "-0.00000000000000000000000000000000000001"]
        return [unnormalized(150, exponent: -2), unnormalized(76_210, exponent: -2)] + texts.map { Decimal(string: $0)! }
            + [Decimal(sign: .minus, exponent: 120, significand: 7), Decimal.greatestFiniteMagnitude, Decimal.leastNonzeroMagnitude,
               -Decimal.greatestFiniteMagnitude, Decimal.nan]
    }

    /// A cn-dec export with every field set, values as the adapters produce them.
    static func full() -> Declaration {
        var d = Declaration(sourceFormat: "cn-dec", source: SourceLocation(file: "/spool/批次 7/Dec201802011651490001.xml", line: 3, row: 12))
        d.id = "201802011651490001"
        d.key = "201802011651490001"
        d.messageType = "DecMessage"
        d.declaringCountry = "CN"
        d.direction = .export
        d.procedure = "0615"
        d.customsOffice = "5317"
        d.lodgedOn = "2018-02-01"
        d.lodgedAt = Timestamp(epochSeconds: 1_517_475_109, utcOffsetSeconds: 28_800)
        d.transportMode = .inlandWaterway
        d.borderCrossing = "alashankou-dostyk"
        d.transportDocuments = [TransportDocument(type: "SMGS", number: "31457802"), TransportDocument(type: "CIM-SMGS", number: "")]
        d.containers = ["MSCU1234565", "TGHU7654321"]
        d.exporter = Party(name: "样例电子（深圳）有限公司", id: "91440300MA5EXAMP2J", country: "CN")
        d.importer = Party(name: "ТОО «Алматы Импорт» 🚂", id: "123456789012", country: "KZ")
        d.declarant = Party(id: "91440300MA5EXAMP3M")
        d.invoice = Invoice(number: "INV-2018-0201", currency: "USD", amount: Decimal(string: "48250.00"))
        d.incoterm = "FOB"
        d.totals = Totals(
            grossMassKg: unnormalized(76_210, exponent: -2), netMassKg: Decimal(string: "652.83"), packages: Decimal(string: "79"),
            goodsItemCount: 2)
        d.riskChannel = .blue
        d.events = [
            Event(milestone: "lodgement", at: Timestamp(epochSeconds: 1_517_475_109, utcOffsetSeconds: 28_800)),
            Event(
                milestone: "release", at: Timestamp(epochSeconds: -86_401, milliseconds: 250, utcOffsetSeconds: -12_600),
                location: "Alashankou", zoneAssumed: true),
        ]
        d.asFiled = AsFiled([
            ("TrafMode", "W"), ("TransMode", "3"), ("GrossWt", "762.1"), ("GrossWt", "762.100"), ("OwnerName", "样例电子（深圳）有限公司"),
            ("BuyerIdNumber", "110101199001011234"), ("BuyerTelephone", "+86 138 0013 8000"), ("Empty", ""),
        ])
        d.personalData = ["BuyerIdNumber", "BuyerTelephone", "GoodsItem/ConsigneeIdNumber"]
        var first = GoodsItem()
        first.sequence = 1
        first.hsCode = "850450"
        first.nationalCode = "8504500000"
        first.description = "电感器 Inductors, " + String(repeating: "x", count: 200)
        first.originCountry = "CN"
        first.quantity = Decimal(string: "17600")
        first.unit = "H87"
        first.grossMassKg = Decimal(string: "190.50")
        first.netMassKg = Decimal(string: "163.2")
        first.packages = Decimal(string: "20")
        first.unitPrice = Decimal(string: "0.0414")
        first.value = Decimal(string: "729.34")
        first.currency = "USD"
        first.asFiled = AsFiled([("GUnit", "007"), ("TradeCurr", "502"), ("GUnit", "035")])
        first.sourceLine = 41
        first.unitPriceDecimals = 6
        var second = first
        second.sequence = Int.min
        second.quantity = Decimal(string: "-1")
        second.unitPrice = Decimal(string: "12345678901234567890123456789012345678")
        second.sourceLine = 61
        second.unitPriceDecimals = nil
        second.asFiled = AsFiled([("GUnit", "007"), ("ConsigneeIdNumber", "110101199001011234")])
        d.goodsItems = [first, second]
        return d
    }

    /// Declarations with values missing or empty, in every combination the optionals allow.
    static func sparse() -> [Declaration] {
        let bare = Declaration(sourceFormat: "", source: SourceLocation(file: ""))
        var some = Declaration(sourceFormat: "csv", source: SourceLocation(file: "manifest.csv", row: Int.max))
        some.exporter = Party()
        some.importer = Party(country: "KZ")
        some.invoice = Invoice()
        some.totals = Totals(goodsItemCount: 0)
        some.lodgedAt = Timestamp(epochSeconds: Int64.min, milliseconds: 0, utcOffsetSeconds: Int.min)
        some.events = [Event(milestone: "", at: Timestamp(epochSeconds: Int64.max, utcOffsetSeconds: Int.max))]
        some.goodsItems = [GoodsItem(), GoodsItem()]
        var other = Declaration(sourceFormat: "eu-ncts", source: SourceLocation(file: "cc015c.xml", line: 0))
        other.id = ""
        other.key = "#1"
        other.direction = .transit
        other.transportMode = .sea
        other.riskChannel = .green
        other.invoice = Invoice(amount: 0)
        other.totals = Totals(grossMassKg: Decimal(string: "60000.204"))
        var item = GoodsItem()
        item.description = ""
        item.grossMassKg = Decimal(string: "3340.102")
        item.sourceLine = -1
        other.goodsItems = [item]
        other.asFiled = AsFiled([("LRN", "MDTP-18")])
        return [bare, some, other]
    }
}
