import Foundation

/// An instant with the UTC offset it was stated in, printed as RFC 3339 (`2018-02-01T16:51:49+08:00`).
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var epochSeconds: Int64
    /// Milliseconds within the second, when the source carried them.
    public var milliseconds: Int?
    /// The offset from UTC the time was stated in, in seconds east of Greenwich.
    public var utcOffsetSeconds: Int

    public init(epochSeconds: Int64, milliseconds: Int? = nil, utcOffsetSeconds: Int) {
        self.epochSeconds = epochSeconds
        self.milliseconds = milliseconds
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.epochSeconds, lhs.milliseconds ?? 0) < (rhs.epochSeconds, rhs.milliseconds ?? 0)
    }

    /// The local calendar date and time at the stated offset.
    public var local: LocalDateTime {
        LocalDateTime(secondsSinceEpoch: epochSeconds + Int64(utcOffsetSeconds), milliseconds: milliseconds)
    }

    /// RFC 3339 with the stated offset; `Z` is never used, so the offset is always visible.
    public var rfc3339: String {
        let offset = utcOffsetSeconds
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600
        let minutes = abs(offset) % 3600 / 60
        return local.isoString + sign + LocalDateTime.pad(hours, 2) + ":" + LocalDateTime.pad(minutes, 2)
    }

    /// Parses RFC 3339 with an offset or `Z` (`2024-03-01T10:15:00+05:00`); `nil` for anything else.
    public static func parseRFC3339(_ text: String) -> Timestamp? {
        var text = text
        return text.withUTF8 { bytes -> Timestamp? in
            guard bytes.count >= 20 else { return nil }
            var offsetStart = bytes.count
            var offset = 0
            if bytes[bytes.count - 1] == UInt8(ascii: "Z") || bytes[bytes.count - 1] == UInt8(ascii: "z") {
                offsetStart = bytes.count - 1
            } else {
                guard bytes.count >= 25 else { return nil }
                offsetStart = bytes.count - 6
                let sign = bytes[offsetStart]
                guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), bytes[offsetStart + 3] == UInt8(ascii: ":"),
                      let hours = LocalDateTime.number(bytes, offsetStart + 1, offsetStart + 3),
                      let minutes = LocalDateTime.number(bytes, offsetStart + 4, offsetStart + 6),
                      hours < 24, minutes < 60
                else { return nil }
                offset = (hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            }
            // The part before the offset ends before an ASCII byte: it is the text's own UTF-8.
            guard let local = LocalDateTime.parseISO(bytes: UnsafeBufferPointer(rebasing: bytes[..<offsetStart])) else { return nil }
            return Timestamp(
                epochSeconds: local.secondsSinceEpoch - Int64(offset), milliseconds: local.milliseconds,
                utcOffsetSeconds: offset)
        }
    }
}
