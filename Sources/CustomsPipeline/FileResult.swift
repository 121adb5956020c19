public import CustomsCore

/// What the pipeline made of one file: its format, its shared declarations and every finding.
public struct FileResult: Sendable {
    /// The path as given or found (used in findings).
    public var file: String
    /// `cn-dec`, `cbd-xml`, ...; `nil` when the format is unknown or the file unreadable.
    public var format: String?
    public var messageType: String?
    /// Hex SHA-256 of the file's bytes; `nil` when it could not be read, or when it was not
    /// needed (``PipelineConfiguration/hashesEveryFile``).
    public var sha256: String?
    /// A hash of the bytes of a file without a declaration, good within this process only
    /// (SipHash, seeded per process), taken instead of the SHA-256 when not every file needs
    /// one; equal contents have equal fingerprints, and the SHA-256 confirms a match
    /// (``BatchChecks/confirmFingerprints(_:)``).
    var fingerprint: Int?
    public var size: Int?
    /// In file order; in the batch's temporary file for a file of many declarations
    /// (``DeclarationList``, ``PipelineConfiguration/spill``).
    public var declarations: DeclarationList
    public var findings: [Finding]

    public init(file: String) {
        self.file = file
        declarations = []
        findings = []
    }

    /// A declaration is valid when no error-severity finding names it, and the file has none.
    public func isValid(_ declaration: Declaration, strict: Bool = false) -> Bool {
        validity(strict: strict)(declaration)
    }

    /// A validity test for the declarations of this file, with the findings indexed once (a file
    /// may hold hundreds of thousands of declarations and findings).
    public func validity(strict: Bool = false) -> @Sendable (Declaration) -> Bool {
        let test = identityValidity(strict: strict)
        return { declaration in test(declaration.key, declaration.sourceFormat) }
    }

    /// ``validity(strict:)`` judged by what it looks at: a declaration's key and source format.
    public func identityValidity(strict: Bool = false) -> @Sendable (_ key: String, _ sourceFormat: String) -> Bool {
        Self.identityValidity(of: findings, strict: strict)
    }

    /// ``identityValidity(strict:)`` of a file with these findings: for a batch that reads them
    /// where they lie in its results (a copy of a result retains all it holds).
    static func identityValidity(of findings: [Finding], strict: Bool) -> @Sendable (_ key: String, _ sourceFormat: String) -> Bool {
        let threshold: Severity = strict ? .warning : .error
        var fileFails = false
        var failing = Set<String>()
        for finding in findings where finding.severity >= threshold {
            if let key = finding.declaration { failing.insert(key) } else { fileFails = true }
        }
        let (allFail, keys) = (fileFails, failing)
        // A declaration that could not be read back from the spill is never valid.
        return { key, sourceFormat in !allFail && !keys.contains(key) && sourceFormat != Spilled.unreadableFormat }
    }
}
