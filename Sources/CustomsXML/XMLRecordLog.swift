/// Complete records of a document as the parser met them, written as compact events in one
/// block of memory: what the parsing thread hands over to the thread that builds the records
/// (``XMLFlatRecord``) and reads them, so that the parsing thread runs little beyond libxml2.
///
/// Events, in document order, each a one-byte kind followed by its fields (native byte order,
/// unaligned):
/// - name (a name met for the first time in the document): its id `Int32`, its byte count
///   `Int32`, its UTF-8 bytes;
/// - start tag: the name's id `Int32`, the namespace name's id `Int32` (-1: none), the line
///   `Int`, the attribute count `Int32`, then per attribute its name's id, its namespace's id,
///   its value's byte count (all `Int32`) and the value as SAX2 passed it;
/// - text: its byte count `Int32`, its UTF-8 bytes (a text node of the innermost open element);
/// - end tag.
///
/// Written by one thread (``Writer``), then read by one other (``Reader``): the hand-over
/// through a locked pipe orders the two.
public final class XMLRecordLog: @unchecked Sendable {
    enum Event: UInt8 { case name = 1, start, text, end }

    let bytes: UnsafeMutableRawPointer
    let count: Int
    /// The number of complete records.
    public let recordCount: Int

    /// Takes over `bytes` (allocated with `UnsafeMutableRawPointer.allocate`), freed with the log.
    init(taking bytes: UnsafeMutableRawPointer, count: Int, recordCount: Int) {
        self.bytes = bytes
        self.count = count
        self.recordCount = recordCount
    }

    deinit { bytes.deallocate() }

    // MARK: Reading

    /// Builds the records of logs, in order, as ``XMLFlatRecord`` values lent for one call each.
    ///
    /// It keeps the names the logs defined (a later log uses the names of earlier ones) and one
    /// record's storage for the next.
    public struct Reader: ~Copyable {
        private var names: [String] = []
        private var record = XMLFlatRecord()
        private var open: [Int32] = []

        public init() {}

        /// Passes each record of `log` to `body`, in order; the record is lent for the call only.
        public mutating func forEachRecord(in log: XMLRecordLog, _ body: (XMLFlatRecord) -> Void) {
            let base = UnsafeRawPointer(log.bytes)
            let end = log.count
            var offset = 0
            @inline(__always) func take<T>(_: T.Type) -> T {
                defer { offset += MemoryLayout<T>.size }
                return base.loadUnaligned(fromByteOffset: offset, as: T.self)
            }
            // The namespace id of the last start tag, and its index among the record's namespaces.
            var lastNamespace: Int32 = -2
            var namespaceIndex = 0
            while offset < end {
                switch Event(rawValue: take(UInt8.self)) {
                case .name:
                    let id = Int(take(Int32.self))
                    let count = Int(take(Int32.self))
                    let name = String(decoding: UnsafeRawBufferPointer(start: base + offset, count: count), as: UTF8.self)
                    offset += count
                    if id >= names.count { names += Array(repeating: "", count: id - names.count + 1) }
                    names[id] = name
                case .start:
                    let name = take(Int32.self)
                    let namespace = take(Int32.self)
                    let line = take(Int.self)
                    let attributeCount = Int(take(Int32.self))
                    var attributes: [XMLAttribute] = []
                    if attributeCount > 0 {
                        attributes.reserveCapacity(attributeCount)
                        for _ in 0..<attributeCount {
                            let attributeName = take(Int32.self)
                            let attributeNamespace = take(Int32.self)
                            let count = Int(take(Int32.self))
                            let value = (base + offset).assumingMemoryBound(to: UInt8.self)
                            offset += count
                            attributes.append(XMLAttribute(
                                name: attributeName < 0 ? "" : names[Int(attributeName)],
                                namespace: attributeNamespace < 0 ? nil : names[Int(attributeNamespace)],
                                value: SAXRecordBuilder.value(from: value, to: value + count)))
                        }
                    }
                    if namespace != lastNamespace || record.count == 0 {
                        namespaceIndex = record.namespaceIndex(of: namespace < 0 ? nil : names[Int(namespace)])
                        lastNamespace = namespace
                    }
                    let index = record.appendNode(
                        name: name < 0 ? "" : names[Int(name)], namespace: namespaceIndex, attributes: attributes,
                        line: line, column: 0, parent: Int(open.last ?? -1))
                    open.append(Int32(index))
                case .text:
                    let count = Int(take(Int32.self))
                    let text = UnsafeBufferPointer(start: (base + offset).assumingMemoryBound(to: UInt8.self), count: count)
                    offset += count
                    record.appendText(text, to: Int(open[open.count - 1]))
                case .end:
                    record.close(Int(open.removeLast()))
                    if open.isEmpty {
                        body(record)
                        record.removeAll()
                    }
                case nil:
                    preconditionFailure("an XML record log holds an event it does not define")
                }
            }
        }
    }
}
