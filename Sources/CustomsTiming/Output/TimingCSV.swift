extension TimingReport {
    /// `customs timing --format csv`: one row per declaration, RFC 4180, header first:
    /// `id,key,declaring_country,border_crossing,transport_mode,risk_channel`, the six intervals
    /// (`arrival_to_lodgement`, …) and the six working intervals (`working_arrival_to_lodgement`,
    /// …) in whole seconds (empty when absent), then `target_seconds` and `within_target`
    /// (`yes`/`no`, empty when not judged).
    public var csv: String {
        var header = ["id", "key", "declaring_country", "border_crossing", "transport_mode", "risk_channel"]
        header += TimingInterval.allCases.map(\.snakeCase)
        header += TimingInterval.allCases.map { "working_" + $0.snakeCase }
        header += ["target_seconds", "within_target"]
        var lines = [header.joined(separator: ",")]
        for timing in declarations {
            var fields = [
                timing.subject.id ?? "", timing.subject.key, timing.subject.declaringCountry ?? "",
                timing.subject.borderCrossing ?? "", timing.subject.transportMode?.rawValue ?? "",
                timing.subject.riskChannel?.rawValue ?? "",
            ]
            fields += TimingInterval.allCases.map { timing.intervals[$0].map(String.init) ?? "" }
            fields += TimingInterval.allCases.map { timing.workingIntervals[$0].map(String.init) ?? "" }
            fields.append(timing.target.map { String($0.limitSeconds) } ?? "")
            fields.append(timing.withinTarget.map { $0 ? "yes" : "no" } ?? "")
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
