public import CustomsXML

/// An XML format adapter that reads its records flat (``XMLFlatRecord``): the pipeline then
/// streams the document with ``XMLDocumentReader/readFlat(role:onRecord:)`` and no
/// ``XMLElement`` tree of a record is built. ``XMLFormatAdapter/harmonize(_:context:)`` stays
/// the same reading of a tree (the tree made flat first).
public protocol FlatRecordAdapter: XMLFormatAdapter {
    /// The declarations of one record, read flat; the same as
    /// ``XMLFormatAdapter/harmonize(_:context:)`` of the record's tree.
    func harmonize(flat record: XMLFlatRecord, context: inout HarmonizeContext) -> [DeclarationDraft]
}

extension FlatRecordAdapter {
    public var flatRecordAdapter: (any FlatRecordAdapter)? { self }
}
