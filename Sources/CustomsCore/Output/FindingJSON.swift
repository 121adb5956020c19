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
    public func appendPrettyJSON(to output: inout JSONText, indent: Int) {
        output.append("{")
        output.appendNewline(indent: indent + 1)
        output.append("\"rule\": ")
        output.appendString(rule)
        output.append(",")
        output.appendNewline(indent: indent + 1)
        output.append("\"severity\": ")
        output.appendString(severity.rawValue)
        output.append(",")
        output.appendNewline(indent: indent + 1)
        output.append("\"message\": ")
        output.appendString(message)
        func member(_ key: StaticString, _ value: String?) {
            guard let value else { return }
            output.append(",")
            output.appendNewline(indent: indent + 1)
            output.append(key)
            output.appendString(value)
        }
        func member(_ key: StaticString, _ value: Int?) {
            guard let value else { return }
            output.append(",")
            output.appendNewline(indent: indent + 1)
            output.append(key)
            output.append(value)
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
        output.appendNewline(indent: indent)
        output.append("}")
    }
}
