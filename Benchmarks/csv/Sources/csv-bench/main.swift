// The CSV stage alone, streaming: reads a CSV file into shared declarations with the same
// reader as `customs`, keeps only counts, and prints them with the time taken. It shows the
// stage's throughput and that its memory is bounded by a declaration, not by the file.
//
// usage: csv-bench FILE
import CustomsCore
import CustomsFormats
import Foundation

guard CommandLine.arguments.count == 2, let schemas = SchemaDirectory.locate() else {
    FileHandle.standardError.write(Data("usage: csv-bench FILE (run from the package root)\n".utf8))
    exit(2)
}
let path = CommandLine.arguments[1]
let codeLists = try CodeLists(directory: schemas)
let options = CSVReadingOptions(synonyms: try CSVHeaderSynonyms.builtIn(schemas: schemas))
var prefix = [UInt8]()
if let handle = FileHandle(forReadingAtPath: path) {
    prefix = [UInt8](try handle.read(upToCount: 65_536) ?? Data())
    try? handle.close()
}
let start = Date()
var declarations = 0
var items = 0
var findings = 0
let outcome = CSVDocumentReader(path: path, prefix: prefix, options: options, codeLists: codeLists).read { draft in
    declarations += 1
    items += draft.declaration.goodsItems.count
    findings += draft.findings.count
}
let seconds = Date().timeIntervalSince(start)
let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
print("declarations \(declarations), goods items \(items), findings \(findings + outcome.findings.count)")
print(String(format: "CSV stage: %.1f MB/s (%.2f s)", Double(size) / 1e6 / seconds, seconds))
