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
