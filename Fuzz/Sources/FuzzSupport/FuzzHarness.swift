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
        _ = XMLDocumentReader.read(bytes: bytes, displayName: "fuzz.xml", role: adapter.role(for:)) { record in
            drafts += adapter.harmonize(record, context: &context).count
        }
    }

    /// The CSV stage on a file holding `bytes` (the reader streams from a path).
    public static func csv(_ bytes: [UInt8], path: String) {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
        let prefix = Array(bytes.prefix(65_536))
        let options = CSVReadingOptions(synonyms: csvSynonyms)
        _ = CSVDocumentReader(path: path, prefix: prefix, options: options, codeLists: codeLists).read { _ in }
    }

    nonisolated(unsafe) static let csvSynonyms: CSVHeaderSynonyms = (try? CSVHeaderSynonyms.builtIn(schemas: schemas)) ?? CSVHeaderSynonyms()
}
