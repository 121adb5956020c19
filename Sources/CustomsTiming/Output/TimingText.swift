public import CustomsCore

extension TimingReport {
    /// `customs timing` (text): for each group a table of its intervals (count, mean, median,
    /// p90, p95, max as durations), its share released within target and its missing milestones;
    /// then each declaration's intervals (up to `declarationLimit`; the csv form lists all);
    /// then the findings, one line each (`line(for:)`).
    public func text(findings: [Finding], line: (Finding) -> String, declarationLimit: Int = 50) -> String {
        var out: [String] = []
        let count = declarations.count
        out.append("Clearance times: \(count) declaration\(count == 1 ? "" : "s") in \(groups.count) group\(groups.count == 1 ? "" : "s")")
        for group in groups {
            out.append("")
            out.append(Self.title(group.key) + " — \(group.count) declaration\(group.count == 1 ? "" : "s")")
            out += Self.table(group)
            if let within = group.withinTarget {
                out.append("  released within target: \(within.part) of \(within.whole) (\(Self.percent(within)))")
            } else {
                out.append("  released within target: no target applies")
            }
            let missing = Milestone.measured.compactMap { milestone -> String? in
                let n = group.missing[milestone] ?? 0
                return n == 0 ? nil : "\(milestone.rawValue) \(n)"
            }
            out.append("  missing milestones: " + (missing.isEmpty ? "none" : missing.joined(separator: ", ")))
        }
        if count > 0 {
            out.append("")
            if count > declarationLimit {
                out.append("Declarations: \(count), not listed here (more than \(declarationLimit)); use --format csv for each one.")
            } else {
                out.append("Declarations (calendar time; [working time] where it differs):")
                for timing in declarations { out += Self.lines(timing) }
            }
        }
        out.append("")
        if findings.isEmpty {
            out.append("No timing findings.")
        } else {
            out.append("Findings:")
            out += findings.map(line)
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func title(_ key: TimingGroupKey) -> String {
        [key.borderCrossing ?? "crossing unknown", key.transportMode?.rawValue ?? "mode unknown",
         key.riskChannel.map { "\($0.rawValue) channel" } ?? "channel unknown"].joined(separator: " · ")
    }

    static func table(_ group: GroupStatistics) -> [String] {
        let header = ["interval", "count", "mean", "median", "p90", "p95", "max"]
        var rows: [[String]] = []
        for interval in TimingInterval.allCases {
            guard let stats = group.intervals[interval] else { continue }
            rows.append([
                interval.label, String(stats.count), DurationText.of(stats.mean.roundedSeconds),
                DurationText.of(stats.median.roundedSeconds), DurationText.of(stats.p90.roundedSeconds),
                DurationText.of(stats.p95.roundedSeconds), DurationText.of(stats.max),
            ])
        }
        if rows.isEmpty { return ["  no interval to measure (milestones missing or out of order)"] }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            "  " + row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
    }

    static func lines(_ timing: DeclarationTiming) -> [String] {
        var head = "  \(timing.subject.key)"
        if let country = timing.subject.declaringCountry { head += " (\(country))" }
        head += ": " + title(timing.group)
        var out = [head]
        for interval in TimingInterval.allCases {
            guard let value = timing.intervals[interval] else { continue }
            var text = "    \(interval.label): \(DurationText.of(value))"
            if let working = timing.workingIntervals[interval], working != value { text += " [\(DurationText.of(working))]" }
            if timing.isOutOfOrder(interval) { text += " (out of order)" }
            out.append(text)
        }
        if out.count == 1 { out.append("    no interval: milestones missing") }
        if let target = timing.target, let within = timing.withinTarget {
            out.append("    release target \(DurationText.of(target.limitSeconds)): " + (within ? "met" : "missed"))
        }
        return out
    }

    static func percent(_ fraction: Fraction) -> String {
        let tenths = (fraction.part * 2000 + fraction.whole) / (2 * fraction.whole)
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
    }
}
