import CustomsCore
import Foundation

/// The largest file the pipeline reads (`--max-file-size`). A larger file is a `file.limit`
/// finding, decided from its size alone: it is neither hashed nor parsed.
public struct FileSizeLimit: Sendable, Hashable {
    /// The limit in bytes.
    public var bytes: Int

    public init(bytes: Int) {
        self.bytes = bytes
    }

    /// 4 GiB: above the 1 GB batches the product is benchmarked on. The readers stream, so the
    /// limit bounds the time one file may take (hashing and parsing), not memory.
    public static let standard = FileSizeLimit(bytes: 4 << 30)

    /// Reads `512M`, `2G`, `100K` or a plain byte count; `nil` when `text` is none of these
    /// or not positive.
    public static func parse(_ text: String) -> FileSizeLimit? {
        var digits = text.trimmingCharacters(in: .whitespaces)
        var multiplier = 1
        if let last = digits.last?.uppercased(), let shift = ["K": 10, "M": 20, "G": 30][last] {
            multiplier = 1 << shift
            digits.removeLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              let value = Int(digits), value > 0 else { return nil }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : FileSizeLimit(bytes: bytes)
    }

    static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return "\(bytes >> 20) MiB (\(bytes) bytes)" }
        return "\(bytes) bytes"
    }
}
