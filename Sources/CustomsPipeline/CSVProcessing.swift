import CustomsCore
import CustomsFormats

extension FileProcessor {
    /// The CSV stage of a text file: the streaming CSV reader's declarations, with keys, and
    /// its findings (`format.unknown` when no CSV layout is recognized in the text).
    func processCSV(_ path: String, prefix: [UInt8], into result: inout FileResult) {
        var declarationFindings: [[Finding]] = []
        let outcome = CSVDocumentReader(path: path, prefix: prefix, options: configuration.csv, codeLists: configuration.codeLists)
            .read { draft in
                result.declarations.append(draft.declaration)
                declarationFindings.append(draft.findings)
            }
        if outcome.recognized {
            result.format = "csv"
            result.messageType = outcome.layout
        }
        result.findings += outcome.findings
        DeclarationKeys.assign(&result.declarations, fileHash: result.sha256)
        result.attach(declarationFindings)
    }
}
