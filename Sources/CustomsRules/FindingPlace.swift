import CustomsCore

/// Builds findings located in a declaration: its file, the goods item's line (XML) or row (CSV)
/// or else the declaration's start, the field path and the declaration key.
enum FindingPlace {
    static func finding(
        _ rule: String, _ message: String, in declaration: Declaration, item: GoodsItem? = nil, field: String
    ) -> Finding {
        let byRow = declaration.source.line == nil && declaration.source.row != nil
        let position = item?.sourceLine ?? (byRow ? declaration.source.row : declaration.source.line)
        return Finding(
            rule: rule, message: message, file: declaration.source.file,
            line: byRow ? nil : position, row: byRow ? position : nil,
            field: field, declaration: declaration.key.isEmpty ? nil : declaration.key)
    }

    /// `'text'` quoted for messages.
    static func quoted(_ text: String) -> String { "'\(text)'" }
}
