/// A JSON value whose objects keep their key order and whose numbers keep their exact text,
/// so decimals print as filed (`1007.12`, never `1007.1199999`).
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number's exact JSON text.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.elementsEqual(b) { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case let .bool(value): hasher.combine(value)
        case let .number(value), let .string(value): hasher.combine(value)
        case let .array(values): hasher.combine(values)
        case let .object(members):
            for (key, value) in members {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
    }

    /// The member of an object, if this is one and has it.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The element of an array, if this is one and has it.
    public subscript(index: Int) -> JSONValue? {
        guard case let .array(values) = self, values.indices.contains(index) else { return nil }
        return values[index]
    }

    public var stringValue: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    public var numberText: String? {
        if case let .number(value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case let .array(values) = self { return values }
        return nil
    }

    /// Serializes the value; `pretty` indents by two spaces.
    public func serialized(pretty: Bool = true) -> String {
        var output = JSONText()
        write(to: &output, pretty: pretty, indent: 0)
        return output.text
    }

    /// Appends the value's pretty text to `output` as it would appear nested `indent` levels
    /// deep in a pretty document, so a large document can be written piece by piece.
    public func appendPretty(to output: inout JSONText, indent: Int) {
        write(to: &output, pretty: true, indent: indent)
    }

    private func write(to output: inout JSONText, pretty: Bool, indent: Int) {
        switch self {
        case .null: output.append("null")
        case let .bool(value): output.append(value ? "true" : "false")
        case let .number(text): output.append(raw: text)
        case let .string(text): output.appendString(text)
        case let .array(values):
            if values.isEmpty { output.append("[]"); return }
            output.append("[")
            for (index, value) in values.enumerated() {
                if index > 0 { output.append(",") }
                if pretty { output.appendNewline(indent: indent + 1) }
                value.write(to: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { output.appendNewline(indent: indent) }
            output.append("]")
        case let .object(members):
            if members.isEmpty { output.append("{}"); return }
            output.append("{")
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(",") }
                if pretty { output.appendNewline(indent: indent + 1) }
                output.appendString(member.0)
                output.append(pretty ? ": " : ":")
                member.1.write(to: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { output.appendNewline(indent: indent) }
            output.append("}")
        }
    }
}

/// Builds a JSON object member by member, leaving out absent values.
public struct JSONObjectBuilder {
    public private(set) var members: [(String, JSONValue)] = []

    public init() {}

    public mutating func add(_ key: String, _ value: JSONValue?) {
        if let value { members.append((key, value)) }
    }

    public mutating func add(_ key: String, _ value: String?) {
        if let value { members.append((key, .string(value))) }
    }

    public mutating func add(_ key: String, _ value: Int?) {
        if let value { members.append((key, .number(String(value)))) }
    }

    public var value: JSONValue { .object(members) }
}
