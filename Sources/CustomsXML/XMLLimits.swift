/// Safety limits on one XML document. Crossing one is an `xml.limit` finding, never a crash
/// or a silent truncation.
public struct XMLLimits: Sendable, Hashable {
    /// Deepest element nesting accepted (libxml2 itself stops at 256 without `HUGE`).
    public var maxDepth: Int
    /// Most attributes on one element.
    public var maxAttributes: Int
    /// Longest text of one element, in bytes, whether in one text node or several (libxml2 itself
    /// stops a single text node at 10,000,000 bytes without `HUGE`, so a larger value only
    /// lifts the limit on text split by comments or CDATA sections).
    public var maxTextBytes: Int
    /// Most elements in one record (a declaration) held in memory at once: about 100 bytes each,
    /// so the default keeps a record under 60 MB. A declaration of 999 goods items of 100
    /// elements each is a fifth of it.
    public var maxRecordNodes: Int

    public init(maxDepth: Int = 200, maxAttributes: Int = 256, maxTextBytes: Int = 10_000_000, maxRecordNodes: Int = 500_000) {
        self.maxDepth = maxDepth
        self.maxAttributes = maxAttributes
        self.maxTextBytes = maxTextBytes
        self.maxRecordNodes = maxRecordNodes
    }

    /// The defaults: depth 200, 256 attributes, 10,000,000 bytes of text, 500,000 elements per record.
    public static let standard = XMLLimits()
}
