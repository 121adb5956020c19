public import Foundation

/// A calendar date and wall-clock time with no zone (proleptic Gregorian).
///
/// Used for what declarations carry without an offset (`yyyyMMddHHmmss` in Chinese messages,
/// `EDocDateTime` in EAEU ones); ``resolve(in:)`` places it in time in a tz database zone and
/// reports the local times that happened twice or never (daylight saving, Kazakhstan's
/// 2024-03-01 change) instead of guessing.
public struct LocalDateTime: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var milliseconds: Int?

    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, milliseconds: Int? = nil) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDateTime.daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.milliseconds = milliseconds
    }

    init(secondsSinceEpoch: Int64, milliseconds: Int?) {
        let days = Int(secondsSinceEpoch.floorDiv(86_400))
        let secondOfDay = Int(secondsSinceEpoch - Int64(days) * 86_400)
        let (y, m, d) = LocalDateTime.civil(fromDays: days)
        year = y
        month = m
        day = d
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        second = secondOfDay % 60
        self.milliseconds = milliseconds
    }

    /// Seconds since 1970-01-01T00:00:00 as if this local time were UTC.
    public var secondsSinceEpoch: Int64 {
        Int64(LocalDateTime.days(year: year, month: month, day: day)) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
    }

    /// `YYYY-MM-DD`.
    public var isoDate: String {
        // Ten ASCII bytes at once when each part fits its width (the calendar's dates).
        if (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) {
            let (year, month, day) = (year, month, day)
            return String(unsafeUninitializedCapacity: 10) { buffer in
                LocalDateTime.write(year, 4, into: buffer, at: 0)
                buffer[4] = UInt8(ascii: "-")
                LocalDateTime.write(month, 2, into: buffer, at: 5)
                buffer[7] = UInt8(ascii: "-")
                LocalDateTime.write(day, 2, into: buffer, at: 8)
                return 10
            }
        }
        return LocalDateTime.pad(year, 4) + "-" + LocalDateTime.pad(month, 2) + "-" + LocalDateTime.pad(day, 2)
    }

    /// Writes the `width` last decimal digits of `value` (≥ 0), zero-padded, at `offset`.
    private static func write(_ value: Int, _ width: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        var value = value
        for index in stride(from: offset + width - 1, through: offset, by: -1) {
            buffer[index] = UInt8(0x30 + value % 10)
            value /= 10
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.mmm]`.
    public var isoString: String {
        var text = isoDate + "T" + LocalDateTime.pad(hour, 2) + ":" + LocalDateTime.pad(minute, 2) + ":" + LocalDateTime.pad(second, 2)
        if let milliseconds { text += "." + LocalDateTime.pad(milliseconds, 3) }
        return text
    }

    /// The outcome of placing a local time in a zone.
    public enum Resolution: Sendable, Hashable {
        case exact(Timestamp)
        /// The local time happened twice (clocks moved back); both readings are given.
        case ambiguous(earlier: Timestamp, later: Timestamp)
        /// The local time never happened (clocks moved forward over it).
        case nonexistent
    }

    /// Places this local time in a tz database zone (`Asia/Shanghai`, `Asia/Almaty`).
    public func resolve(in zone: TimeZone) -> Resolution {
        let local = secondsSinceEpoch
        var offsets = Set<Int>()
        for probe in [local - 86_400 * 2, local, local + 86_400 * 2] {
            offsets.insert(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(probe))))
        }
        let valid = offsets.filter { offset in
            zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local - Int64(offset)))) == offset
        }.sorted(by: >)
        let stamps = valid.map {
            Timestamp(epochSeconds: local - Int64($0), milliseconds: milliseconds, utcOffsetSeconds: $0)
        }
        switch stamps.count {
        case 0: return .nonexistent
        case 1: return .exact(stamps[0])
        default: return .ambiguous(earlier: stamps[0], later: stamps[stamps.count - 1])
        }
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` or the same with a space for `T`.
    public static func parseISO(_ text: String) -> LocalDateTime? {
        var text = text
        return text.withUTF8 { parseISO(bytes: $0) }
    }

    /// ``parseISO(_:)`` of UTF-8 bytes.
    static func parseISO(bytes: UnsafeBufferPointer<UInt8>) -> LocalDateTime? {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let y = number(bytes, 0, 4), let m = number(bytes, 5, 7), let d = number(bytes, 8, 10)
        else { return nil }
        if bytes.count == 10 { return LocalDateTime(year: y, month: m, day: d) }
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              bytes[13] == UInt8(ascii: ":"), let h = number(bytes, 11, 13), let mi = number(bytes, 14, 16)
        else { return nil }
        if bytes.count == 16 { return LocalDateTime(year: y, month: m, day: d, hour: h, minute: mi) }
        guard bytes.count >= 19, bytes[16] == UInt8(ascii: ":"), let s = number(bytes, 17, 19) else { return nil }
        if bytes.count == 19 { return LocalDateTime(year: y, month: m, day: d, hour: h, minute: mi, second: s) }
        guard bytes[19] == UInt8(ascii: "."), bytes.count > 20, bytes.count <= 29,
              let fraction = number(bytes, 20, bytes.count)
        else { return nil }
        let digits = bytes.count - 20
        var millis = fraction
        if digits < 3 { for _ in digits..<3 { millis *= 10 } }
        else if digits > 3 { for _ in 3..<digits { millis /= 10 } }
        return LocalDateTime(year: y, month: m, day: d, hour: h, minute: mi, second: s, milliseconds: millis)
    }

    /// ``number(_:)`` of `bytes[start..<end]`.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard start < end, end - start <= 18 else { return nil }
        var value = 0
        for index in start..<end {
            let byte = bytes[index]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// Parses the compact forms of Chinese customs messages: `yyyyMMdd`, `yyyyMMddHHmmss`
    /// and `yyyyMMddHHmmssSSS` (17 digits, with milliseconds).
    public static func parseCompact(_ text: String) -> LocalDateTime? {
        let bytes = Array(text.utf8)
        guard [8, 12, 14, 17].contains(bytes.count), number(bytes[...]) != nil,
              let y = number(bytes[0..<4]), let m = number(bytes[4..<6]), let d = number(bytes[6..<8])
        else { return nil }
        if bytes.count == 8 { return LocalDateTime(year: y, month: m, day: d) }
        guard let h = number(bytes[8..<10]), let mi = number(bytes[10..<12]) else { return nil }
        if bytes.count == 12 { return LocalDateTime(year: y, month: m, day: d, hour: h, minute: mi) }
        guard let s = number(bytes[12..<14]) else { return nil }
        let millis = bytes.count == 17 ? number(bytes[14..<17]) : nil
        return LocalDateTime(year: y, month: m, day: d, hour: h, minute: mi, second: s, milliseconds: millis)
    }

    /// The value of a run of ASCII digits (at most 18); `nil` when any byte is not a digit.
    public static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        // A value of at most `width` digits (the common part of a date or time): written at once.
        if value >= 0, width >= 1, width <= 4, value < [1, 10, 100, 1000, 10_000][width] {
            return String(unsafeUninitializedCapacity: width) { buffer in
                write(value, width, into: buffer, at: 0)
                return width
            }
        }
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

extension Int64 {
    func floorDiv(_ divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
