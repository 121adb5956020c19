/// Safety limits on one XML document. Crossing one is an `xml.limit` finding, never a crash
/// or a silent truncation.
public struct XMLLimits: Sendable, Hashable {
    /// Deepest element nesting accepted (libxml2 itself stops at 256 without `HUGE`).
    public var maxDepth: Int
    /// Most attributes on one element.
    public var maxAttributes: Int
    /// Longest text node, in bytes (libxml2 itself stops at 10,000,000 without `HUGE`).
    public var maxTextBytes: Int
    /// Most nodes in one record (a declaration) held in memory at once.
    public var maxRecordNodes: Int

    public init(maxDepth: Int = 200, maxAttributes: Int = 256, maxTextBytes: Int = 10_000_000, maxRecordNodes: Int = 2_000_000) {
        self.maxDepth = maxDepth
        self.maxAttributes = maxAttributes
        self.maxTextBytes = maxTextBytes
        self.maxRecordNodes = maxRecordNodes
    }

    public static let standard = XMLLimits()
}
