import CustomsCore
import CustomsFormats

extension FileProcessor {
    /// The CSV stage of a text file: the streaming CSV reader's declarations, with keys, and
    /// its findings (`format.unknown` when no CSV layout is recognized in the text), the rule
    /// layers included.
    ///
    /// Each declaration goes through the rules as soon as it is read, and only its
    /// ``CustomsCore/Declaration/crossFileForm`` is kept when the batch needs no more (no
    /// ``PipelineConfiguration/retainsFullDeclarations``): the full form of one declaration at a
    /// time, not of the file. Its rule findings are filed once the file is read, when its keys
    /// are known (``RuleStage/finish(_:ruleFindings:configuration:)``), exactly as if the rules
    /// had run after it.
    ///
    /// A file of ``OverlappedReading/threshold`` bytes or more, with more than one job, is read on
    /// other threads (its records on one, their assembly into declarations on another) while this
    /// one runs the rules and keeps the declarations (same declarations, same findings, same order).
    /// `hashing`: the file's SHA-256 while it is computed (keys of declarations without an id use
    /// it); `contents`: the file when it was read whole, hashed from memory if a key needs it.
    func processCSV(
        _ path: String, prefix: [UInt8], contents: [UInt8]?, size: Int, hashing: BackgroundHash?, into result: inout FileResult
    ) {
        var declarationFindings: [[Finding]] = []
        var ruleFindings: [RuleStage.Found] = []
        let configuration = self.configuration
        result.declarations = configuration.declarationList()
        let reader = CSVDocumentReader(path: path, prefix: prefix, options: configuration.csv, codeLists: configuration.codeLists)
        let overlapped = configuration.jobs > 1 && size >= OverlappedReading.threshold
        let outcome = OverlappedReading.read(reader, overlapped: overlapped) { (draft: inout DeclarationDraft) in
            let findings = RuleStage.check(draft.declaration, configuration: configuration)
            if !findings.isEmpty { ruleFindings.append((result.declarations.count, findings)) }
            if configuration.retainsFullDeclarations {
                result.declarations.append(draft.declaration)
            } else {
                result.declarations.appendCrossFileForm(of: draft.declaration)
            }
            declarationFindings.append(draft.findings)
        }
        if outcome.recognized {
            result.format = "csv"
            result.messageType = outcome.layout
        }
        result.findings += outcome.findings
        settle(hashing, into: &result)
        assignKeys(&result, contents: contents)
        result.attach(declarationFindings)
        RuleStage.finish(&result, ruleFindings: ruleFindings, configuration: configuration)
    }
}
