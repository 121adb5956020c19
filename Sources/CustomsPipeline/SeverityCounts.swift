import CustomsCore

/// Findings counted per severity (the summary of a batch).
struct SeverityCounts: Sendable {
    private var infos = 0
    private var warnings = 0
    private var errors = 0

    mutating func count(_ severity: Severity) {
        switch severity {
        case .info: infos += 1
        case .warning: warnings += 1
        case .error: errors += 1
        }
    }

    subscript(severity: Severity) -> Int {
        switch severity {
        case .info: infos
        case .warning: warnings
        case .error: errors
        }
    }
}
