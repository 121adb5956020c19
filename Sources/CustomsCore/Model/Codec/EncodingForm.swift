/// What of a declaration ``DeclarationCodec/encode(_:form:into:)`` writes: all of it, or the
/// parts a batch keeps, without first making a reduced copy of the declaration.
public struct EncodingForm: Sendable, Equatable {
    /// `source.file` is written empty (a list that writes it once for all its declarations and
    /// gives it back on reading).
    public var omitsFile: Bool
    /// The form a batch keeps for its cross-file stages (`crossFileForm` in `CustomsPipeline`):
    /// of `asFiled` only its first `LRN` entry; no personal data; each party without its name
    /// (and no party at all when it has neither id nor country); each goods item without its
    /// description and its `asFiled`.
    public var crossFile: Bool

    public init(omitsFile: Bool = false, crossFile: Bool = false) {
        self.omitsFile = omitsFile
        self.crossFile = crossFile
    }

    /// Everything, as the declaration is.
    public static let whole = EncodingForm()
}

extension Party {
    /// The party as the cross-file form keeps it: its id and country, `nil` when it has neither.
    public var withoutName: Party? {
        id == nil && country == nil ? nil : Party(id: id, country: country)
    }
}
