/// A code as a ``CodeTable`` looks it up, read in one pass over its bytes: the code packed into
/// 64 bits when it is ASCII of at most seven bytes, and what reading a country or currency code
/// asks of it (``CodeResolutionTables``).
struct CodeKey {
    /// The code's bytes, the first in the highest byte, its length in the lowest (so `0` and
    /// `00` differ), letters upper-cased when ``uppercased``; `nil` when the code is not ASCII
    /// or is longer than seven bytes.
    let packed: UInt64?
    /// Whether the code's letters were upper-cased as it was packed.
    let uppercased: Bool
    /// The code's length in bytes.
    let byteCount: Int
    /// ASCII without a CR (which joins a following LF into one character): as many characters
    /// as bytes.
    let isPlain: Bool
    /// One or more ASCII digits and nothing else.
    let isDigits: Bool

    init(_ code: String, uppercased: Bool) {
        var code = code
        self = code.withUTF8 { CodeKey($0, uppercased: uppercased) }
    }

    private init(_ bytes: UnsafeBufferPointer<UInt8>, uppercased: Bool) {
        self.uppercased = uppercased
        var key: UInt64 = 0
        var ascii = true
        var carriageReturn = false
        var digits = !bytes.isEmpty
        for byte in bytes {
            if byte >= 0x80 { ascii = false }
            if byte == 0x0D { carriageReturn = true }
            if byte &- 0x30 > 9 { digits = false }
            let folded = uppercased && byte &- 0x61 < 26 ? byte - 0x20 : byte
            key = key &<< 8 | UInt64(folded)
        }
        byteCount = bytes.count
        isPlain = ascii && !carriageReturn
        isDigits = digits
        packed = ascii && bytes.count <= 7 ? key &<< (8 * UInt64(8 - bytes.count)) | UInt64(bytes.count) : nil
    }
}
