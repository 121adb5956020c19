import CustomsCore
import Foundation

/// Why a rules file cannot be used; the command stops with exit status 2.
public struct RuleConfigurationError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ path: String, _ message: String) {
        description = "rules file \(path): \(message)"
    }
}

/// Reads a rules configuration file (`--rules FILE`, JSON):
///
/// ```json
/// {
///   "rules":      { "value.line-total": { "enabled": false }, "code.unit": { "severity": "warning" } },
///   "layers":     { "consistency": { "enabled": true } },
///   "tolerances": { "mass": "0.5%", "amount": "0.5%", "count": "0", "lineTotal": "0" }
/// }
/// ```
///
/// Every part is optional. `rules` names catalogue codes (`customs rules` lists them), `layers`
/// the layers `file`, `schema`, `fields`, `code-lists`, `consistency`, `timing`, `mirror`.
/// Tolerances are relative differences, as a fraction (`0.005`) or a percentage (`"0.5%"`).
/// Members whose name starts with `$` are comments. Anything else — an unknown code, layer,
/// severity or member, a tolerance that is not a plain decimal in [0, 1) — makes the file invalid.
public enum RuleConfigurationFile {
    public static func load(_ path: String) throws(RuleConfigurationError) -> RuleConfiguration {
        let text: String
        do {
            text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        } catch {
            throw RuleConfigurationError(path, FileManager.default.fileExists(atPath: path) ? "cannot be read as UTF-8 text" : "no such file")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String = "(text)") throws(RuleConfigurationError) -> RuleConfiguration {
        let json: JSONValue
        do {
            json = try JSONReader.parse(text)
        } catch {
            throw RuleConfigurationError(path, "not valid JSON: \(error.description)")
        }
        guard case let .object(members) = json else { throw RuleConfigurationError(path, "the top level must be a JSON object") }
        var configuration = RuleConfiguration()
        for (key, value) in members where !key.hasPrefix("$") {
            switch key {
            case "rules":
                for (code, setting) in try objectMembers(value, "rules", path) {
                    guard RuleCatalogue.descriptor(code) != nil else {
                        throw RuleConfigurationError(path, "rules: unknown rule code \"\(code)\" (customs rules lists them)")
                    }
                    let (enabled, severity) = try ruleSetting(setting, "rules.\(code)", path, allowSeverity: true)
                    if let enabled { configuration.codeEnabled[code] = enabled }
                    if let severity { configuration.severities[code] = severity }
                }
            case "layers":
                for (name, setting) in try objectMembers(value, "layers", path) {
                    guard let layer = RuleLayer(configurationName: name) else {
                        throw RuleConfigurationError(
                            path, "layers: unknown layer \"\(name)\"; expected one of \(RuleLayer.allCases.map(\.configurationName).joined(separator: ", "))")
                    }
                    let (enabled, _) = try ruleSetting(setting, "layers.\(name)", path, allowSeverity: false)
                    if enabled == false { configuration.disabledLayers.insert(layer) } else { configuration.disabledLayers.remove(layer) }
                }
            case "tolerances":
                for (name, raw) in try objectMembers(value, "tolerances", path) {
                    let tolerance = try self.tolerance(raw, "tolerances.\(name)", path)
                    switch name {
                    case "mass": configuration.tolerances.mass = tolerance
                    case "amount": configuration.tolerances.amount = tolerance
                    case "count": configuration.tolerances.count = tolerance
                    case "lineTotal": configuration.tolerances.lineTotal = tolerance
                    default:
                        throw RuleConfigurationError(path, "tolerances: unknown tolerance \"\(name)\"; expected mass, amount, count or lineTotal")
                    }
                }
            default:
                throw RuleConfigurationError(path, "unknown member \"\(key)\"; expected rules, layers or tolerances")
            }
        }
        return configuration
    }

    private static func objectMembers(_ value: JSONValue, _ where_: String, _ path: String) throws(RuleConfigurationError) -> [(String, JSONValue)] {
        guard case let .object(members) = value else { throw RuleConfigurationError(path, "\(where_) must be a JSON object") }
        return members.filter { !$0.0.hasPrefix("$") }
    }

    private static func ruleSetting(
        _ value: JSONValue, _ where_: String, _ path: String, allowSeverity: Bool
    ) throws(RuleConfigurationError) -> (Bool?, Severity?) {
        var enabled: Bool?
        var severity: Severity?
        for (key, member) in try objectMembers(value, where_, path) {
            switch (key, member) {
            case let ("enabled", .bool(flag)):
                enabled = flag
            case ("enabled", _):
                throw RuleConfigurationError(path, "\(where_).enabled must be true or false")
            case let ("severity", .string(name)) where allowSeverity:
                guard let value = Severity(rawValue: name) else {
                    throw RuleConfigurationError(path, "\(where_).severity \"\(name)\" is not error, warning or info")
                }
                severity = value
            default:
                throw RuleConfigurationError(path, "\(where_): unknown setting \"\(key)\"; expected enabled\(allowSeverity ? " or severity" : "")")
            }
        }
        return (enabled, severity)
    }

    private static func tolerance(_ value: JSONValue, _ where_: String, _ path: String) throws(RuleConfigurationError) -> Decimal {
        var text: String
        switch value {
        case let .number(number): text = number
        case let .string(string): text = string.trimmingCharacters(in: .whitespaces)
        default: throw RuleConfigurationError(path, "\(where_) must be a number or a percentage such as \"0.5%\"")
        }
        let percent = text.hasSuffix("%")
        if percent { text.removeLast() }
        guard var fraction = ExactDecimal.parse(text) else {
            throw RuleConfigurationError(path, "\(where_) '\(text)' is not a plain decimal number")
        }
        if percent { fraction /= 100 }
        guard fraction >= 0, fraction < 1 else {
            throw RuleConfigurationError(path, "\(where_) must be at least 0 and less than 1 (100%)")
        }
        return fraction
    }
}
