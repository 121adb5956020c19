public import CustomsCore
public import CustomsFormats
public import CustomsXML
import Foundation

/// What every fuzz target shares: the code lists, loaded once, and the stages of the pipeline
/// that read bytes (detection, the XML adapters, the CSV reader) run on one input.
public enum FuzzHarness {
    /// The package's `Schemas/` folder, beside this package.
    public static let schemas = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Schemas")

    nonisolated(unsafe) public static let codeLists: CodeLists = {
        do { return try CodeLists(directory: schemas) } catch { fatalError("fuzz set-up: cannot load code lists from \(schemas.path): \(error)") }
    }()

    /// Content kind, XML prologue, encoding check and CSV encoding detection of a prefix.
    public static func detect(_ bytes: [UInt8]) {
        let prefix = Array(bytes.prefix(65_536))
        switch ContentKind.of(prefix) {
        case .xml:
            let prologue = XMLSniffer.prologue(of: prefix)
            _ = EncodingCheck.mismatch(declared: prologue.declaredEncoding, prefix: prefix)
            _ = FormatRegistry.standard.adapter(for: prologue)
        case .text:
            _ = CSVEncodingDetector.detect(prefix)
        case .empty, .binary:
            break
        }
    }

    /// The XML stage as the pipeline runs it, in memory: prologue → adapter → streaming records
    /// → harmonized drafts. `forced` skips recognition and uses that adapter.
    public static func xml(_ bytes: [UInt8], forced: (any XMLFormatAdapter)? = nil) {
        let prefix = Array(bytes.prefix(65_536))
        let prologue = XMLSniffer.prologue(of: prefix)
        if prologue.hasDoctype { return }
        let adapter: any XMLFormatAdapter
        if let forced {
            adapter = forced
        } else {
            guard let (found, _) = FormatRegistry.standard.adapter(for: prologue) else { return }
            adapter = found
        }
        var context = HarmonizeContext(file: "fuzz.xml", codeLists: codeLists, messageType: "fuzz")
        var drafts = 0
        let onRecord = { (record: XMLElement) in drafts += adapter.harmonize(record, context: &context).count }
        // Both ways the product reads XML from memory, by the input's length: as the pipeline
        // reads a file (its bytes read once, validated against the XSD that declares the root),
        // and as the store reads a declaration back (no schema).
        if bytes.count % 2 == 0 {
            let schema = prologue.root.flatMap { root -> XMLSchema? in
                guard case let .compiled(schema)? = schemaSet.entry(for: XMLQualifiedName(namespace: root.namespace, name: root.name))
                else { return nil }
                return schema
            }
            _ = XMLDocumentReader(path: "fuzz.xml", schema: schema, contents: bytes).read(role: adapter.role(for:), onRecord: onRecord)
        } else {
            _ = XMLDocumentReader.read(bytes: bytes, displayName: "fuzz.xml", role: adapter.role(for:), onRecord: onRecord)
        }
    }

    /// The XSDs a document may be validated against: this package's `Schemas/` and the official
    /// schema folders of the corpus beside it (`../shared/corpus/schemas/*`), compiled once.
    nonisolated(unsafe) static let schemaSet: XMLSchemaSet = {
        let corpus = schemas.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/schemas")
        let official = ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted()
            .map { corpus.appendingPathComponent($0).path }
        return XMLSchemaSet(directories: [schemas.path] + official)
    }()

    /// The CSV stage on a file holding `bytes` (the reader streams from a path).
    public static func csv(_ bytes: [UInt8], path: String) {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
        let prefix = Array(bytes.prefix(65_536))
        let options = CSVReadingOptions(synonyms: csvSynonyms)
        _ = CSVDocumentReader(path: path, prefix: prefix, options: options, codeLists: codeLists).read { _ in }
    }

    nonisolated(unsafe) static let csvSynonyms: CSVHeaderSynonyms = (try? CSVHeaderSynonyms.builtIn(schemas: schemas)) ?? CSVHeaderSynonyms()
}
