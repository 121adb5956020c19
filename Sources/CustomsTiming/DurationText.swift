/// Durations as a border-post operator reads them: `6 h 30 min`, `2 d 3 h 5 min`, `45 s`,
/// `-1 h 10 min`; and seconds with thousands separators: `23,400 s`.
public enum DurationText {
    public static func of(_ seconds: Int64) -> String {
        if seconds < 0 { return "-" + of(-seconds) }
        if seconds < 60 { return "\(seconds) s" }
        let days = seconds / 86_400
        let hours = seconds % 86_400 / 3600
        let minutes = seconds % 3600 / 60
        let rest = seconds % 60
        var parts: [String] = []
        if days > 0 { parts.append("\(days) d") }
        if hours > 0 { parts.append("\(hours) h") }
        if minutes > 0 { parts.append("\(minutes) min") }
        if rest > 0 && days == 0 { parts.append("\(rest) s") }
        return parts.isEmpty ? "0 s" : parts.joined(separator: " ")
    }

    /// `23,400 s`.
    public static func seconds(_ seconds: Int64) -> String {
        let digits = String(abs(seconds))
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(character)
        }
        return (seconds < 0 ? "-" : "") + grouped + " s"
    }
}
