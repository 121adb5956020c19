extension Finding {
    /// The JSON form (`SPEC.md`, "Findings"): absent locations are omitted.
    public var json: JSONValue {
        var object = JSONObjectBuilder()
        object.add("rule", rule)
        object.add("severity", severity.rawValue)
        object.add("message", message)
        object.add("file", file)
        object.add("line", line)
        object.add("row", row)
        switch column {
        case let .number(number): object.add("column", number)
        case let .name(name): object.add("column", name)
        case nil: break
        }
        object.add("field", field)
        object.add("declaration", declaration)
        object.add("counterpart", counterpart)
        return object.value
    }
}

extension Finding {
    /// Appends the same text as `json.appendPretty(to:indent:)`, without building ``json``
    /// (a batch writes one per finding).
    public func appendPrettyJSON(to output: inout String, indent: Int) {
        let newline = "\n" + String(repeating: "  ", count: indent + 1)
        output += "{"
        output += newline
        output += "\"rule\": "
        JSONValue.appendString(rule, to: &output)
        output += ","
        output += newline
        output += "\"severity\": "
        JSONValue.appendString(severity.rawValue, to: &output)
        output += ","
        output += newline
        output += "\"message\": "
        JSONValue.appendString(message, to: &output)
        func member(_ key: String, _ value: String?) {
            guard let value else { return }
            output += ","
            output += newline
            output += key
            JSONValue.appendString(value, to: &output)
        }
        func member(_ key: String, _ value: Int?) {
            guard let value else { return }
            output += ","
            output += newline
            output += key
            output += String(value)
        }
        member("\"file\": ", file)
        member("\"line\": ", line)
        member("\"row\": ", row)
        switch column {
        case let .number(number): member("\"column\": ", number)
        case let .name(name): member("\"column\": ", name)
        case nil: break
        }
        member("\"field\": ", field)
        member("\"declaration\": ", declaration)
        member("\"counterpart\": ", counterpart)
        output += "\n"
        output += String(repeating: "  ", count: indent)
        output += "}"
    }
}
