import Foundation

/// A byte-level look at the markup of a document before libxml2 parses it, for the attacks
/// libxml2 itself cannot refuse in time:
///
/// - an element with a huge number of attributes: libxml2 2.9 checks them for duplicates
///   pairwise, so 200,000 attributes take minutes;
/// - a DOCTYPE anywhere (also past the 64 KiB prefix that format detection reads): its entity
///   declarations are refused before libxml2 reads them;
/// - an element whose text, cut into many text nodes by comments, runs to hundreds of
///   megabytes: libxml2's reader holds all of it before handing over the first node.
///
/// It counts `=` outside quotes in start tags and skips comments, processing instructions,
/// CDATA sections and end tags. It reads ASCII-compatible encodings (UTF-8, windows-1251, GBK,
/// GB18030: their multi-byte sequences never hold `<`, `>`, `=` or quotes) and UTF-16 or
/// UTF-32 (one code unit at a time), and it never decides whether a document is well-formed:
/// that stays libxml2's job.
struct XMLMarkupGuard {
    /// Why the document is refused.
    enum Refusal: Equatable {
        case attributes
        case doctype
        case text
    }

    private enum State {
        case text
        /// Just after `<`.
        case open
        /// After `<!`: a comment, CDATA or a DOCTYPE, decided by the next character.
        case bang
        case startTag
        case quoted(UInt8)
        /// Inside a comment, PI, CDATA section or end tag, until ``terminator``.
        case skipping
    }

    let maxAttributes: Int
    /// Most raw bytes of character data (text and CDATA) in one element, comments between them
    /// included in neither: twice the decoded text limit, since `&amp;` is five bytes for one.
    let maxRawTextBytes: Int
    private var textRun = 0
    /// True while skipping a CDATA section, whose content is text.
    private var inCDATA = false
    private var state = State.text
    /// The end of what is being skipped (`>`, `-->`, `]]>`, `?>`) and how much of it was met.
    private var terminator = Terminator.tag
    private var matched = 0
    private var attributes = 0
    /// Bytes per code unit (1, 2 or 4) and where the ASCII byte sits in a unit.
    private var unitWidth = 1
    private var asciiIndex = 0
    private var unit: [UInt8] = []
    private var decided = false
    private(set) var refusal: Refusal?

    init(maxAttributes: Int, maxTextBytes: Int = XMLLimits.standard.maxTextBytes) {
        self.maxAttributes = maxAttributes
        let (doubled, overflow) = maxTextBytes.multipliedReportingOverflow(by: 2)
        self.maxRawTextBytes = overflow ? Int.max : doubled
    }

    /// Reads the next bytes of the document; returns `false` once the document is refused.
    mutating func consume(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if refusal != nil { return false }
        var index = 0
        if !decided {
            // The encoding form is decided on the first four bytes.
            while unit.count < 4, index < bytes.count {
                unit.append(bytes[index])
                index += 1
            }
            if unit.count < 4 { return true }
            decideWidth(unit)
            let head = unit
            unit = []
            decided = true
            if !feed(head) { return false }
        }
        if unitWidth == 1 {
            guard let base = bytes.baseAddress else { return true }
            while index < bytes.count {
                // Runs of text and of attribute values are skipped with memchr: most bytes are there.
                switch state {
                case .text:
                    let end = Self.find(Self.lt, in: base, from: index, to: bytes.count)
                    guard countText(end - index) else { return false }
                    index = end
                    if index == bytes.count { return true }
                    // The `<` of an end tag or a start tag, with the byte after it at hand: what
                    // ``step(_:)`` makes of the two, without stepping through `.open`.
                    if index + 1 < bytes.count {
                        let next = base.load(fromByteOffset: index + 1, as: UInt8.self)
                        if next == UInt8(ascii: "/") {
                            textRun = 0
                            skip(to: .tag)
                            index += 2
                            continue
                        }
                        if next != UInt8(ascii: "!") && next != UInt8(ascii: "?") {
                            // The byte after `<` is then read in `.startTag`, as `.open` passes it on.
                            attributes = 0
                            textRun = 0
                            state = .startTag
                            index += 1
                            continue
                        }
                    }
                case let .quoted(quote):
                    index = Self.find(quote, in: base, from: index, to: bytes.count)
                    if index == bytes.count { return true }
                case .startTag:
                    // Names and white space: only quotes, `>` and `=` change anything.
                    index = Self.findMarkup(in: base, from: index, to: bytes.count)
                    if index == bytes.count { return true }
                    if base.load(fromByteOffset: index, as: UInt8.self) == Self.gt {
                        state = .text
                        index += 1
                        continue
                    }
                case .skipping where matched == 0:
                    // Until the terminator's first byte nothing changes but the CDATA text count.
                    let end = Self.find(terminator[0], in: base, from: index, to: bytes.count)
                    if inCDATA {
                        guard countText(end - index) else { return false }
                    }
                    index = end
                    if index == bytes.count { return true }
                    if terminator == .tag {
                        // The `>` of an end tag (or `<!…>`): the whole terminator, as ``step(_:)`` matches it.
                        matched = 1
                        state = .text
                        index += 1
                        continue
                    }
                default:
                    break
                }
                if !step(base.load(fromByteOffset: index, as: UInt8.self)) { return false }
                index += 1
            }
            return true
        }
        while index < bytes.count {
            unit.append(bytes[index])
            index += 1
            if unit.count == unitWidth {
                let ascii = unit.indices.allSatisfy { $0 == asciiIndex || unit[$0] == 0 } ? unit[asciiIndex] : 0x80
                unit.removeAll(keepingCapacity: true)
                if !step(ascii) { return false }
            }
        }
        return true
    }

    /// Whether the guard could refuse no part of `bytes` (a whole document): it is shorter than
    /// the text limit, in an ASCII-compatible encoding, without any `!` (so without a DOCTYPE,
    /// comment or CDATA section) and with no more `=` in all than ``maxAttributes`` (so no start
    /// tag with more attributes). Two `memchr` scans instead of the guard's walk through every tag.
    func cannotRefuse(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count <= maxRawTextBytes, let base = bytes.baseAddress else { return bytes.isEmpty }
        if bytes.count >= 4, Self.codeUnit(bytes[0], bytes[1], bytes[2], bytes[3]).width != 1 { return false }
        if memchr(base, Int32(UInt8(ascii: "!")), bytes.count) != nil { return false }
        var equals = 0
        var index = 0
        while index < bytes.count, let found = memchr(base + index, Int32(Self.eq), bytes.count - index) {
            equals += 1
            if equals > maxAttributes { return false }
            index = base.distance(to: UnsafeRawPointer(found)) + 1
        }
        return true
    }

    /// Ends the document: a prefix shorter than four bytes is read as it is.
    mutating func finish() {
        if !decided, !unit.isEmpty {
            decided = true
            _ = feed(unit)
        }
    }

    /// The offset of the first `byte` in `base[from..<to]`, or `to`. Most runs between markup
    /// are short: the first 32 bytes are looked at 8 at a time in place, a longer run is left to
    /// memchr (a call costs more than a short run takes).
    private static func find(_ byte: UInt8, in base: UnsafeRawPointer, from: Int, to: Int) -> Int {
        var index = from
        let pattern = ones &* UInt64(byte)
        let shortEnd = min(to, from + 32)
        while index + 8 <= shortEnd {
            let hits = zeroBytes(base.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ pattern)
            if hits != 0 { return index + hits.trailingZeroBitCount / 8 }
            index += 8
        }
        guard index < to, let found = memchr(base + index, Int32(byte), to - index) else { return to }
        return base.distance(to: UnsafeRawPointer(found))
    }

    /// The offset of the first quote, apostrophe, `>` or `=` in `base[from..<to]`, or `to`,
    /// looked for 8 bytes at a time.
    private static func findMarkup(in base: UnsafeRawPointer, from: Int, to: Int) -> Int {
        var index = from
        while index + 8 <= to {
            let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let hits = zeroBytes(word ^ (ones &* UInt64(quote))) | zeroBytes(word ^ (ones &* UInt64(apostrophe)))
                | zeroBytes(word ^ (ones &* UInt64(gt))) | zeroBytes(word ^ (ones &* UInt64(eq)))
            if hits != 0 { return index + hits.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < to {
            let byte = base.load(fromByteOffset: index, as: UInt8.self)
            if byte == quote || byte == apostrophe || byte == gt || byte == eq { return index }
            index += 1
        }
        return to
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101

    /// The high bit of each zero byte of `word` set (bytes above the lowest zero byte may be
    /// flagged falsely; the lowest flag is always right, and only it is used).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & 0x8080_8080_8080_8080
    }

    private mutating func feed(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { consume($0) }
    }

    private mutating func decideWidth(_ head: [UInt8]) {
        (unitWidth, asciiIndex) = Self.codeUnit(head[0], head[1], head[2], head[3])
    }

    /// Bytes per code unit (UTF-32, UTF-16 or an ASCII-compatible encoding) and where a unit's
    /// ASCII byte sits, told by a document's first four bytes.
    private static func codeUnit(_ first: UInt8, _ second: UInt8, _ third: UInt8, _ fourth: UInt8) -> (width: Int, asciiIndex: Int) {
        switch (first, second, third, fourth) {
        case (0x00, 0x00, 0xFE, 0xFF), (0x00, 0x00, 0x00, 0x3C): (4, 3)
        case (0xFF, 0xFE, 0x00, 0x00), (0x3C, 0x00, 0x00, 0x00): (4, 0)
        case (0xFE, 0xFF, _, _), (0x00, 0x3C, _, _): (2, 1)
        case (0xFF, 0xFE, _, _), (0x3C, 0x00, _, _): (2, 0)
        default: (1, 0)
        }
    }

    private static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), eq = UInt8(ascii: "=")
    private static let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'")

    /// What ends a skipped stretch; a case rather than an array, so that entering one (at every
    /// end tag) neither retains nor compares arrays.
    private enum Terminator {
        case tag, comment, cdata, pi

        var count: Int {
            switch self {
            case .tag: 1
            case .pi: 2
            case .comment, .cdata: 3
            }
        }

        subscript(index: Int) -> UInt8 {
            switch self {
            case .tag: gt
            case .pi: index == 0 ? UInt8(ascii: "?") : gt
            case .comment: index == 2 ? gt : UInt8(ascii: "-")
            case .cdata: index == 2 ? gt : UInt8(ascii: "]")
            }
        }
    }

    /// Counts `bytes` of character data (one by default); `false` once an element's text runs
    /// past the limit.
    private mutating func countText(_ bytes: Int = 1) -> Bool {
        textRun += bytes
        if textRun > maxRawTextBytes {
            refusal = .text
            return false
        }
        return true
    }

    private mutating func skip(to end: Terminator) {
        terminator = end
        inCDATA = end == .cdata
        matched = 0
        state = .skipping
    }

    private mutating func step(_ byte: UInt8) -> Bool {
        switch state {
        case .text:
            if byte == Self.lt {
                state = .open
            } else if !countText() {
                return false
            }
        case .open:
            switch byte {
            case UInt8(ascii: "!"): state = .bang
            case UInt8(ascii: "?"): skip(to: .pi)
            case UInt8(ascii: "/"):
                textRun = 0
                skip(to: .tag)
            default:
                attributes = 0
                textRun = 0
                state = .startTag
                return step(byte)
            }
        case .bang:
            switch byte {
            case UInt8(ascii: "-"): skip(to: .comment)
            case UInt8(ascii: "["): skip(to: .cdata)
            case UInt8(ascii: "D"), UInt8(ascii: "d"):
                refusal = .doctype
                return false
            default: skip(to: .tag)
            }
        case .startTag:
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): state = .quoted(byte)
            case Self.gt: state = .text
            case Self.eq:
                attributes += 1
                if attributes > maxAttributes {
                    refusal = .attributes
                    return false
                }
            default: break
            }
        case let .quoted(quote):
            if byte == quote { state = .startTag }
        case .skipping:
            if inCDATA, !countText() { return false }
            if byte == terminator[matched] {
                matched += 1
                if matched == terminator.count { state = .text }
            } else if byte == terminator[0] {
                // `--->` and `]]]>` still end here: a run of the first character keeps the match.
                matched = terminator.count == 3 && matched >= 1 ? matched : 1
            } else {
                matched = 0
            }
        }
        return true
    }
}
