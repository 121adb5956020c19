public import CustomsCore

extension Finding {
    /// One line in the style of compiler diagnostics:
    /// `file:line:column: error: message [rule] (declaration KEY, field goodsItems[0].hsCode)`.
    public var textLine: String {
        guard file != nil || line != nil || row != nil else {
            return "\(severity.rawValue): \(message) [\(rule)]" + contextSuffix
        }
        var location = file ?? "-"
        if let line {
            location += ":\(line)"
            if case let .number(column)? = column { location += ":\(column)" }
        } else if let row {
            location += ":row \(row)"
            if case let .name(name)? = column { location += " (\(name))" }
        }
        return "\(location): \(severity.rawValue): \(message) [\(rule)]" + contextSuffix
    }

    private var contextSuffix: String {
        var context: [String] = []
        if let declaration { context.append("declaration \(declaration)") }
        if let counterpart { context.append("counterpart \(counterpart)") }
        if let field { context.append("field \(field)") }
        return context.isEmpty ? "" : " (" + context.joined(separator: ", ") + ")"
    }
}

extension BatchReport {
    /// The text form of `validate`: one line per finding, then one summary line.
    public var text: String {
        var lines: [String] = []
        for file in files {
            lines += file.findings.map(\.textLine)
        }
        lines += crossFindings.map(\.textLine)
        let declarations = files.reduce(0) { $0 + $1.declarations.count }
        var invalid = 0
        for index in files.indices {
            // Counted as read: a spilled file's declarations are not gathered into an array.
            let isValid = validity(ofFileAt: index)
            for declaration in files[index].declarations.headers where !isValid(declaration) { invalid += 1 }
        }
        lines.append(
            "\(files.count) file\(files.count == 1 ? "" : "s"), \(declarations) declaration\(declarations == 1 ? "" : "s") (\(invalid) not valid): "
                + "\(count(.error)) error\(count(.error) == 1 ? "" : "s"), \(count(.warning)) warning\(count(.warning) == 1 ? "" : "s"), "
                + "\(count(.info)) info\(count(.info) == 1 ? "" : "s")")
        return lines.joined(separator: "\n") + "\n"
    }
}
