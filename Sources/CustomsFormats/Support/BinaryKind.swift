/// What a binary file (``ContentKind/binary``) most likely is, from its magic bytes, so that
/// `format.unknown` can say what to do with it: a spreadsheet saved as a workbook is the usual
/// way a forwarder's manifest arrives in the wrong form.
///
/// Magic numbers: ZIP local file header `PK\u{3}\u{4}` (Office Open XML workbooks, ECMA-376
/// Part 2), OLE2 compound file `D0 CF 11 E0 A1 B1 1A E1` (Excel 97–2003 `.xls`), `%PDF-`
/// (ISO 32000-1), gzip `1F 8B` (RFC 1952).
public enum BinaryKind: Sendable, Hashable {
    /// An Excel workbook: Office Open XML (`.xlsx`, a ZIP holding `xl/`) or Excel 97–2003 (`.xls`).
    case excelWorkbook
    /// Another ZIP archive (possibly declarations packed together).
    case zipArchive
    case pdf
    case gzip
    case unknown

    /// The kind of a binary file from its first bytes and its name.
    public static func of(_ prefix: [UInt8], path: String) -> BinaryKind {
        let name = path.lowercased()
        if prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            // The first entries of a workbook are `[Content_Types].xml`, `_rels/`, `xl/...`.
            let workbook = name.hasSuffix(".xlsx") || name.hasSuffix(".xlsm")
                || Self.contains(prefix.prefix(65_536), "xl/workbook.xml") || Self.contains(prefix.prefix(65_536), "xl/worksheets/")
            return workbook ? .excelWorkbook : .zipArchive
        }
        if prefix.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return name.hasSuffix(".xls") || name.hasSuffix(".xlt") ? .excelWorkbook : .unknown
        }
        if prefix.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if prefix.starts(with: [0x1F, 0x8B]) { return .gzip }
        return .unknown
    }

    /// The `format.unknown` message for a binary file of this kind.
    public var message: String {
        switch self {
        case .excelWorkbook:
            "the file is an Excel workbook, not a declaration in XML or CSV; save the sheet as CSV (File → Save As → CSV UTF-8) and validate that file"
        case .zipArchive:
            "the file is a ZIP archive, not a declaration in XML or CSV; unpack it and validate the folder"
        case .pdf:
            "the file is a PDF document, not a declaration in XML or CSV; the declaration's data must come as XML or CSV"
        case .gzip:
            "the file is gzip-compressed, not a declaration in XML or CSV; decompress it (gunzip) and validate the result"
        case .unknown:
            "the file is binary data, not a declaration in XML or CSV"
        }
    }

    private static func contains(_ bytes: ArraySlice<UInt8>, _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count, let first = needle.first else { return false }
        var index = bytes.startIndex
        while index <= bytes.endIndex - needle.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
