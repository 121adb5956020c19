import CustomsTestSupport
import Foundation

/// The large hostile inputs, written at run time into a scratch folder (never committed).
/// `Scripts/hostile-generate.py` writes the same attacks for `Scripts/hostile-bounds.sh`.
enum HostileInputs {
    static let cbdHead = Array(#"<?xml version="1.0" encoding="UTF-8"?>\#n<Declarations xmlns="urn:customs-corridor:cbd:1"><Declaration>"#.utf8)
    static let cbdTail = Array("</Declaration></Declarations>\n".utf8)

    /// Writes `parts` one after another, each `repeat` times, without building the file in memory.
    static func write(_ name: String, in folder: URL, _ parts: [(bytes: [UInt8], repeat: Int)]) throws -> String {
        let path = folder.appendingPathComponent(name).path
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        for part in parts {
            // Batch small repeated parts into writes of about 1 MiB.
            let perWrite = max(1, (1 << 20) / max(1, part.bytes.count))
            var left = part.repeat
            while left > 0 {
                let count = min(left, perWrite)
                var chunk: [UInt8] = []
                chunk.reserveCapacity(count * part.bytes.count)
                for _ in 0..<count { chunk += part.bytes }
                try handle.write(contentsOf: chunk)
                left -= count
            }
        }
        return path
    }

    static func once(_ text: String) -> (bytes: [UInt8], repeat: Int) { (Array(text.utf8), 1) }
    static func times(_ text: String, _ count: Int) -> (bytes: [UInt8], repeat: Int) { (Array(text.utf8), count) }

    static func deepNesting(in folder: URL) throws -> String {
        try write("deep-nesting-100000.xml", in: folder, [
            (cbdHead, 1), times("<a>", 100_000), times("</a>", 100_000), (cbdTail, 1)])
    }

    static func attribute100MB(in folder: URL) throws -> String {
        try write("attribute-100mb.xml", in: folder, [
            (cbdHead, 1), once(#"<ID v=""#), times("x", 100 << 20), once(#""/>"#), (cbdTail, 1)])
    }

    static func textNode20MB(in folder: URL) throws -> String {
        try write("text-node-20mb.xml", in: folder, [
            (cbdHead, 1), once("<ID>"), times("7", 20 << 20), once("</ID>"), (cbdTail, 1)])
    }

    static func manyAttributes(in folder: URL) throws -> String {
        let attributes = (0..<200_000).map { #"a\#($0)="" "# }.joined()
        return try write("attributes-200000.xml", in: folder, [
            (cbdHead, 1), once("<ID "), once(attributes), once("/>"), (cbdTail, 1)])
    }

    static func longName(in folder: URL) throws -> String {
        try write("name-1mb.xml", in: folder, [(cbdHead, 1), once("<"), times("N", 1 << 20), once("/>"), (cbdTail, 1)])
    }

    static func quadraticBlowup(in folder: URL) throws -> String {
        try write("quadratic-blowup.xml", in: folder, [
            once(#"<?xml version="1.0"?>\#n<!DOCTYPE Declarations [<!ENTITY q ""#), times("q", 50_000), once("\">]>\n"),
            once(#"<Declarations xmlns="urn:customs-corridor:cbd:1"><Declaration><ID>"#), times("&q;", 50_000),
            once("</ID>"), (cbdTail, 1)])
    }

    /// A billion-laughs DOCTYPE behind 70 KB of comment, past the 64 KiB sniffing prefix.
    static func doctypeAfterLongComment(in folder: URL) throws -> String {
        var bomb = #"<!ENTITY a "aaaaaaaaaa">"#
        let letters = Array("abcdefghij")
        for index in 1..<letters.count {
            bomb += "<!ENTITY \(letters[index]) \"" + String(repeating: "&\(letters[index - 1]);", count: 10) + "\">"
        }
        return try write("doctype-after-70kb-comment.xml", in: folder, [
            once("<?xml version=\"1.0\"?>\n<!--"), times("c", 70_000), once("-->\n<!DOCTYPE Declarations [\(bomb)]>\n"),
            once(#"<Declarations xmlns="urn:customs-corridor:cbd:1"><Declaration><ID>&j;</ID>"#), (cbdTail, 1)])
    }

    /// 1,900,000 empty elements in one declaration: a record held in memory.
    static func hugeRecord(in folder: URL) throws -> String {
        try write("record-of-1900000-elements.xml", in: folder, [(cbdHead, 1), times("<a/>", 1_900_000), (cbdTail, 1)])
    }

    /// 200 MB of text in one element, cut into 5 MiB text nodes by empty comments.
    static func textSplitByComments(in folder: URL) throws -> String {
        let piece = String(repeating: "8", count: 5 << 20) + "<!---->"
        return try write("text-split-by-comments.xml", in: folder, [
            (cbdHead, 1), once("<ID>"), times(piece, 40), once("</ID>"), (cbdTail, 1)])
    }

    static func csvMillionColumns(in folder: URL) throws -> String {
        try write("csv-million-columns.csv", in: folder, [
            once("id"), times(",x", 999_999), once("\n1"), times(",", 999_999), once("\n")])
    }

    static func csv64MBLine(in folder: URL) throws -> String {
        try write("csv-64mb-line-no-newline.csv", in: folder, [once("id,description\nD1,"), times("y", 64 << 20)])
    }

    static func csv64MBLineOfShortFields(in folder: URL) throws -> String {
        try write("csv-64mb-line-of-short-fields.csv", in: folder, [once("id,description\n"), times("D1,z", 16 << 20)])
    }

    /// Sixty rows of one 3 MiB field: a sample of rows held whole would take 180 MiB.
    static func csvRowsOfLongFields(in folder: URL) throws -> String {
        let field = String(repeating: "w", count: 3 << 20)
        return try write("csv-rows-of-3mb-fields.csv", in: folder,
            [once("id,description\n")] + (0..<60).map { once("D\($0),\(field)\n") })
    }
}
