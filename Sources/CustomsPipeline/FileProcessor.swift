import CustomsCore
import CustomsFormats
import CustomsXML
import Foundation

/// Runs the stages on one file: read bytes → detect the format by content → stream the XML
/// (with its schema, if one declares the root) through the format's adapter → shared
/// declarations with keys → findings. Never throws: every problem is a finding on the result.
public struct FileProcessor: Sendable {
    public var configuration: PipelineConfiguration

    public init(configuration: PipelineConfiguration) {
        self.configuration = configuration
    }

    public func process(_ path: String) -> FileResult {
        var contents: [UInt8]?
        var result = process(path, contents: &contents)
        fingerprintIfNeeded(&result, contents: contents)
        return result
    }

    /// ``process(_:)``, giving back the file's bytes when it was read whole.
    private func process(_ path: String, contents: inout [UInt8]?) -> FileResult {
        var result = FileResult(file: path)
        let size: Int?
        switch FileAdmission.decide(path, limit: configuration.maxFileSize) {
        case let .refused(finding):
            result.findings.append(finding)
            return result
        case let .admitted(statSize):
            size = statSize
        }
        let facts: FileFacts
        // A large file is hashed on a thread of its own while it is parsed (with more than one job).
        let large = configuration.jobs > 1 && (size ?? 0) >= OverlappedReading.threshold
        switch large ? FileFacts.peek(path) : FileFacts.read(path, size: size, sha256: configuration.hashesEveryFile) {
        case let .success(read): facts = read
        case let .failure(error):
            result.findings.append(Finding(rule: "file.unreadable", message: error.description, file: path))
            return result
        }
        let hashing = facts.sha256 == nil && facts.contents == nil ? BackgroundHash(path: path) : nil
        result.sha256 = facts.sha256
        result.size = facts.size
        contents = facts.contents
        var ruleFindings: [RuleStage.Found] = []
        switch ContentKind.of(facts.prefix) {
        case .empty:
            result.findings.append(Finding(
                rule: "file.empty", message: facts.size == 0 ? "the file is empty (0 bytes)" : "the file holds only white space",
                file: path))
        case .binary:
            result.findings.append(Finding(
                rule: "format.unknown", message: BinaryKind.of(facts.prefix, path: path).message, file: path))
        case .text:
            // The CSV stage runs the rules and keeps the cross-file form declaration by declaration.
            processCSV(path, prefix: facts.prefix, contents: facts.contents, size: facts.size, hashing: hashing, into: &result)
            return result
        case .xml:
            // Like the CSV stage, the XML stage runs the rules and keeps the cross-file form
            // declaration by declaration: a large file never holds all its declarations in full.
            ruleFindings = processXML(path, facts: facts, hashing: hashing, into: &result)
        }
        settle(hashing, into: &result)
        RuleStage.finish(&result, ruleFindings: ruleFindings, configuration: configuration)
        return result
    }

    /// Returns the rule findings of the file's declarations, filed by ``RuleStage/finish(_:ruleFindings:configuration:)``.
    private func processXML(
        _ path: String, facts: FileFacts, hashing: BackgroundHash?, into result: inout FileResult
    ) -> [RuleStage.Found] {
        let prologue = XMLSniffer.prologue(
            of: facts.prefix, encoding: configuration.encoding, readsPastRoot: configuration.registry.readsPastRoot)
        if prologue.hasDoctype {
            result.findings.append(Finding(
                rule: "xml.dtd-forbidden",
                message: "the document carries a DOCTYPE; a declaration must not, and its entities were not read",
                file: path, line: prologue.doctypeLine))
            return []
        }
        if configuration.encoding == nil, let message = EncodingCheck.mismatch(declared: prologue.declaredEncoding, prefix: facts.prefix) {
            result.findings.append(Finding(rule: "encoding.invalid", message: message, file: path, line: 1))
            return []
        }
        guard let root = prologue.root else {
            // Not even a root element could be read: let the full reader name the error.
            let outcome = XMLDocumentReader(path: path, encoding: configuration.encoding, limits: configuration.limits, contents: facts.contents)
                .read(role: { _ in .descend }, onRecord: { _ in })
            result.findings += outcome.findings.isEmpty
                ? [Finding(rule: "xml.malformed", message: "no root element could be read", file: path)]
                : outcome.findings
            return []
        }
        guard let (adapter, recognition) = configuration.registry.adapter(for: prologue) else {
            let name = XMLQualifiedName(namespace: root.namespace, name: root.name)
            result.findings.append(Finding(
                rule: "format.unknown",
                message: "root element \(name) is not a declaration format this product reads",
                file: path, line: root.line))
            return []
        }
        result.format = adapter.format
        let schema = schemaFor(root: root, path: path, into: &result)
        let messageType: String
        switch recognition {
        case let .declarations(type):
            messageType = type
        case let .notADeclaration(type, what):
            result.messageType = type
            result.findings.append(Finding(
                rule: "format.not-a-declaration", message: "\(type) is \(what), not a goods declaration", file: path, line: root.line))
            // Still well-formed and schema-valid? Stream it once without building anything.
            let outcome = XMLDocumentReader(path: path, encoding: configuration.encoding, schema: schema, limits: configuration.limits, contents: facts.contents)
                .read(role: { _ in .descend }, onRecord: { _ in })
            result.findings += outcome.findings
            return []
        }
        result.messageType = messageType
        result.declarations = configuration.declarationList()
        var context = HarmonizeContext(file: path, codeLists: configuration.codeLists, messageType: messageType)
        var declarationFindings: [[Finding]] = []
        var ruleFindings: [RuleStage.Found] = []
        var personalValues = Set<String>()
        var withoutID: [Int] = []
        let configuration = self.configuration
        let reader = XMLDocumentReader(path: path, encoding: configuration.encoding, schema: schema, limits: configuration.limits, contents: facts.contents)
        let overlapped = configuration.jobs > 1 && facts.size >= OverlappedReading.threshold
        // Each draft is taken apart as it comes: no second array of whole drafts. Its declaration
        // is taken out of it (``DeclarationDraft/takeDeclaration()``), read, and handed over to
        // the list, which reduces it in place to the cross-file form: no copy of it, nor of its
        // goods items.
        func take(_ drafts: consuming [DeclarationDraft]) {
            var drafts = drafts
            for index in drafts.indices {
                let declaration = drafts[index].takeDeclaration()
                let findings = RuleStage.check(declaration, configuration: configuration)
                if !findings.isEmpty { ruleFindings.append((result.declarations.count, findings)) }
                PersonalDataScrubber.gather(from: declaration, into: &personalValues)
                if declaration.id == nil { withoutID.append(result.declarations.count) }
                declarationFindings.append(drafts[index].findings)
                if configuration.retainsFullDeclarations {
                    result.declarations.append(declaration)
                } else {
                    result.declarations.appendCrossFileForm(of: declaration)
                }
            }
        }
        let outcome: XMLReadOutcome
        if let flatAdapter = adapter.flatRecordAdapter {
            // Records read flat: no element tree is built for an adapter that reads by index.
            outcome = OverlappedReading.readFlat(reader, adapter: adapter, overlapped: overlapped) { record in
                take(flatAdapter.harmonize(flat: record, context: &context))
            }
        } else if overlapped {
            // The parser thread builds the cheaper flat record; the tree the adapter reads is
            // made from it on this thread, which has time to spare while the parser works.
            outcome = OverlappedReading.readFlat(reader, adapter: adapter, overlapped: true) { record in
                take(adapter.harmonize(record.element(at: 0), context: &context))
            }
        } else {
            outcome = reader.read(role: adapter.role(for:)) { record in
                take(adapter.harmonize(record, context: &context))
            }
        }
        result.findings += outcome.findings
        result.findings += context.fileFindings
        settle(hashing, into: &result)
        assignKeys(&result, contents: facts.contents)
        for index in withoutID where !declarationFindings[index].contains(where: { $0.rule == "field.missing" && $0.field == "id" }) {
            let declaration = result.declarations[index]
            declarationFindings[index].append(Finding(
                rule: "field.missing", message: "the declaration carries no declaration number; its key is \(declaration.key)",
                file: path, line: declaration.source.line, field: "id"))
        }
        result.attach(declarationFindings)
        PersonalDataScrubber.scrub(&result, values: personalValues)
        if result.declarations.isEmpty && !outcome.stopped {
            result.findings.append(Finding(
                rule: "field.missing", message: "the \(messageType) document holds no declaration", file: path, line: root.line))
        }
        return ruleFindings
    }

    private func schemaFor(root: XMLStartTag, path: String, into result: inout FileResult) -> XMLSchema? {
        guard let schemas = configuration.schemas else { return nil }
        switch schemas.entry(for: XMLQualifiedName(namespace: root.namespace, name: root.name)) {
        case let .compiled(schema)?:
            return schema
        case let .failed(error)?:
            result.findings.append(Finding(
                rule: "schema.unavailable",
                message: "the XSD that declares \(root.name), \(URL(fileURLWithPath: error.path).lastPathComponent), does not compile: \(error.summary)",
                file: path, line: root.line))
            return nil
        case nil:
            return nil
        }
    }

    /// Gives the file's declarations their keys (``DeclarationKeys``). A key that needs the
    /// file's SHA-256 takes the one computed as the file was read; without one, it is computed
    /// now — from `contents` (the file read whole) or by reading the file again — and kept on
    /// the result.
    func assignKeys(_ result: inout FileResult, contents: [UInt8]?) {
        var digest = result.sha256
        let path = result.file
        result.declarations.assignKeys(fileHash: {
            if digest == nil { digest = contents.map(FileFacts.sha256(of:)) ?? (try? FileFacts.read(path).get())?.sha256 }
            return digest
        }())
        result.sha256 = digest
    }

    /// A file read whole without its SHA-256 (``PipelineConfiguration/hashesEveryFile``) and
    /// without a declaration gets a ``FileResult/fingerprint`` of its bytes: one with
    /// declarations is told from others by what was read from it (``BatchChecks/confirmFingerprints(_:)``).
    private func fingerprintIfNeeded(_ result: inout FileResult, contents: [UInt8]?) {
        guard result.sha256 == nil, result.declarations.identityHashes.isEmpty, let contents else { return }
        result.fingerprint = FileFacts.fingerprint(of: contents)
    }
}
