/// One record read flat: its elements in document order (the record itself at index 0, each
/// element before its children), linked to their first child and next sibling by index.
///
/// It holds what an ``XMLElement`` tree of the record holds, without an array of children per
/// element nor a copy of an element to look one up: an adapter finds its fields by index
/// (``child(_:of:)``, ``XMLChildFinder``), reads them as ``XMLField`` values (``field(at:)``), and turns
/// only the elements it hands on into ``XMLElement`` values (``element(at:)``). Built by the
/// streaming reader (``XMLDocumentReader/readFlat(role:onRecord:)``) or from a tree
/// (``init(_:)``); both give the same record.
public struct XMLFlatRecord: Sendable {
    struct Node: Sendable {
        var name: String
        /// The element's text: its UTF-8 bytes in ``XMLFlatRecord/textBytes``, made a String
        /// only when read (the parsing thread copies bytes, the reader decodes them).
        var textStart: Int32 = 0
        var textCount: Int32 = 0
        var line: Int
        var column: Int
        /// Index in ``XMLFlatRecord/namespaces``.
        var namespace: Int32
        var attributeStart: Int32
        var attributeCount: Int32
        var parent: Int32
        /// The index past the element's last descendant, once the element is complete: its
        /// children are found among the places up to there, scanned in order (no chain of
        /// sibling links to follow, each link a load waiting for the one before).
        var end: Int32 = -1
        var firstChild: Int32 = -1
        var lastChild: Int32 = -1
        var nextSibling: Int32 = -1
    }

    var nodes: [Node] = []
    /// The namespaces of the record's elements, each once (most records have one).
    var namespaces: [String?] = []
    /// The attributes of every element, each element's in one run.
    var attributes: [XMLAttribute] = []
    /// The texts of every element, each element's in one run of UTF-8 bytes.
    var textBytes: [UInt8] = []

    init() {}

    /// An empty record with room for `nodes` elements and `textBytes` bytes of text, so that a
    /// builder reading a document's records does not grow it step by step from nothing.
    init(reservingNodes nodes: Int, textBytes: Int) {
        self.nodes.reserveCapacity(nodes)
        self.textBytes.reserveCapacity(textBytes)
    }

    /// The record of the tree `element`: the same elements, names, texts and lines.
    public init(_ element: XMLElement) {
        append(element, parent: -1)
    }

    private mutating func append(_ element: XMLElement, parent: Int) {
        let index = appendNode(
            name: element.name, namespace: namespaceIndex(of: element.namespace), attributes: element.attributes,
            line: element.line, column: element.column, parent: parent)
        var text = element.text
        text.withUTF8 { appendText($0, to: index) }
        for child in element.children { append(child, parent: index) }
        close(index)
    }

    /// Marks the element at `index` complete: its descendants are the places up to the last one.
    mutating func close(_ index: Int) {
        nodes[index].end = Int32(nodes.count)
    }

    /// The index of `namespace` among the record's namespaces, added when new.
    mutating func namespaceIndex(of namespace: String?) -> Int {
        if let found = namespaces.firstIndex(where: { $0 == namespace }) { return found }
        namespaces.append(namespace)
        return namespaces.count - 1
    }

    /// Adds an element as the last child of `parent` (-1 for the record itself), in the
    /// namespace at `namespace` (``namespaceIndex(of:)``); returns its index.
    mutating func appendNode(
        name: String, namespace: Int, attributes read: [XMLAttribute], line: Int, column: Int, parent: Int
    ) -> Int {
        let index = nodes.count
        nodes.append(Node(
            name: name, line: line, column: column, namespace: Int32(namespace),
            attributeStart: Int32(attributes.count), attributeCount: Int32(read.count), parent: Int32(parent)))
        if !read.isEmpty { attributes += read }
        if parent >= 0 {
            let last = Int(nodes[parent].lastChild)
            if last >= 0 {
                nodes[last].nextSibling = Int32(index)
            } else {
                nodes[parent].firstChild = Int32(index)
            }
            nodes[parent].lastChild = Int32(index)
        }
        return index
    }

    /// Adds `bytes` to the end of the text of the element at `index` (text split by a comment
    /// or a CDATA section adds up in one element, as in ``XMLElement/text``).
    mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>, to index: Int) {
        guard !bytes.isEmpty else { return }
        let start = Int(nodes[index].textStart)
        let count = Int(nodes[index].textCount)
        if count == 0 {
            nodes[index].textStart = Int32(textBytes.count)
        } else if start + count != textBytes.count {
            // Another element's text came between: the element's text moves to the end first.
            nodes[index].textStart = Int32(textBytes.count)
            textBytes.append(contentsOf: Array(textBytes[start..<(start + count)]))
        }
        textBytes.append(contentsOf: bytes)
        nodes[index].textCount = Int32(count + bytes.count)
    }

    /// The number of UTF-8 bytes of the element's text.
    func textByteCount(_ index: Int) -> Int { Int(nodes[index].textCount) }

    /// Empties the record, keeping its storage for the next one.
    mutating func removeAll() {
        nodes.removeAll(keepingCapacity: true)
        namespaces.removeAll(keepingCapacity: true)
        attributes.removeAll(keepingCapacity: true)
        textBytes.removeAll(keepingCapacity: true)
    }

    /// The number of elements, the record included.
    public var count: Int { nodes.count }

    /// The local name of the element at `index`.
    public func name(_ index: Int) -> String { nodes[index].name }

    /// The 1-based line of the element's start tag.
    public func line(_ index: Int) -> Int { nodes[index].line }

    /// The column of the element's start tag; 0 when unknown (as ``XMLElement/column``).
    public func column(_ index: Int) -> Int { nodes[index].column }

    /// The element's own character data, as ``XMLElement/text``.
    public func text(_ index: Int) -> String {
        let count = Int(nodes[index].textCount)
        guard count > 0 else { return "" }
        let start = Int(nodes[index].textStart)
        return textBytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<(start + count)]), as: UTF8.self) }
    }

    /// The element's text without the white space around it: `XMLText.trimmed(text(index))`,
    /// whose ends are looked at in the bytes first — most text has nothing to trim.
    public func trimmedText(_ index: Int) -> String {
        let count = Int(nodes[index].textCount)
        guard count > 0 else { return "" }
        let start = Int(nodes[index].textStart)
        let untouched = textBytes.withUnsafeBufferPointer { !XMLText.isSpace($0[start]) && !XMLText.isSpace($0[start + count - 1]) }
        return untouched ? text(index) : XMLText.trimmed(text(index))
    }

    /// The elements without children whose text, past XML white space, starts with a byte that
    /// passes `test`, in document order: the bytes are looked at in place, no text is decoded
    /// (not generic: called from other modules, a generic one ran unspecialized).
    public func leaves(withTextStartingWith test: (UInt8) -> Bool) -> [Int] {
        var found: [Int] = []
        nodes.withUnsafeBufferPointer { nodes in
            textBytes.withUnsafeBufferPointer { bytes in
                for index in nodes.indices where nodes[index].firstChild < 0 && nodes[index].textCount > 0 {
                    let start = Int(nodes[index].textStart)
                    let end = start + Int(nodes[index].textCount)
                    var position = start
                    while position < end, XMLText.isSpace(bytes[position]) { position += 1 }
                    if position < end, test(bytes[position]) { found.append(index) }
                }
            }
        }
        return found
    }

    /// The value of the element's attribute with this local name, as ``XMLElement/attribute(_:)``.
    public func attribute(_ name: String, of index: Int) -> String? {
        let start = Int(nodes[index].attributeStart)
        for position in start..<(start + Int(nodes[index].attributeCount)) where attributes[position].name == name {
            return attributes[position].value
        }
        return nil
    }

    /// Whether the element has child elements.
    public func hasChildren(_ index: Int) -> Bool { nodes[index].firstChild >= 0 }

    /// The index of the first child of `parent` with this local name.
    public func child(_ name: String, of parent: Int) -> Int? {
        let count = name.utf8.count
        let owner = Int32(parent)
        return nodes.withUnsafeBufferPointer { nodes in
            let first = Int(nodes[parent].firstChild)
            guard first >= 0 else { return nil }
            for index in first..<Int(nodes[parent].end)
            where nodes[index].parent == owner && nodes[index].name.utf8.count == count && nodes[index].name == name {
                return index
            }
            return nil
        }
    }

    /// The indices of the children of `parent` with this local name, in document order.
    public func children(_ name: String, of parent: Int) -> [Int] {
        var found: [Int] = []
        var index = Int(nodes[parent].firstChild)
        while index >= 0 {
            if nodes[index].name == name { found.append(index) }
            index = Int(nodes[index].nextSibling)
        }
        return found
    }

    /// The element at `index` as an ``XMLElement``, its descendants included.
    public func element(at index: Int) -> XMLElement {
        var element = shallowElement(at: index)
        var child = Int(nodes[index].firstChild)
        while child >= 0 {
            element.children.append(self.element(at: child))
            child = Int(nodes[child].nextSibling)
        }
        return element
    }

    /// The element at `index` as a field's value: its name, trimmed text, line and column, all
    /// that reading a value and making a finding about it look at.
    public func field(at index: Int) -> XMLField {
        XMLField(name: nodes[index].name, trimmedText: trimmedText(index), line: nodes[index].line, column: nodes[index].column)
    }

    /// The element at `index` as an ``XMLElement`` without its children: its name, namespace,
    /// attributes, text, line and column (what a finding about it needs).
    public func shallowElement(at index: Int) -> XMLElement {
        let node = nodes[index]
        let start = Int(node.attributeStart)
        return XMLElement(
            name: node.name, namespace: namespaces[Int(node.namespace)],
            attributes: node.attributeCount == 0 ? [] : Array(attributes[start..<(start + Int(node.attributeCount))]),
            text: text(index), line: node.line, column: node.column)
    }
}
