/// One element of a record, read out of libxml2 into Swift values: what format adapters see.
///
/// Names are local names; `namespace` is the namespace URI (`nil` when none). `text` is the
/// element's own character data (CDATA included), concatenated; `line` is the 1-based line of its
/// start tag; `column` is 0 when unknown (the streaming reader does not know it).
public struct XMLElement: Sendable, Hashable {
    public var name: String
    public var namespace: String?
    public var attributes: [XMLAttribute]
    public var children: [XMLElement]
    public var text: String
    public var line: Int
    public var column: Int

    public init(
        name: String, namespace: String? = nil, attributes: [XMLAttribute] = [], children: [XMLElement] = [],
        text: String = "", line: Int = 0, column: Int = 0
    ) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.text = text
        self.line = line
        self.column = column
    }

    /// The first child with this local name.
    public func child(_ name: String) -> XMLElement? {
        // Through the buffer: the name is compared in place, no element is copied until one matches.
        // The byte counts first: most names differ in length, and comparing two counts is
        // cheaper than a call into String's comparison.
        let count = name.utf8.count
        return children.withUnsafeBufferPointer { children in
            for index in children.indices where children[index].name.utf8.count == count && children[index].name == name {
                return children[index]
            }
            return nil
        }
    }

    /// All children with this local name.
    public func children(_ name: String) -> [XMLElement] {
        let count = name.utf8.count
        return children.withUnsafeBufferPointer { children in
            var found: [XMLElement] = []
            for index in children.indices where children[index].name.utf8.count == count && children[index].name == name {
                found.append(children[index])
            }
            return found
        }
    }

    /// Follows a path of local names: `element.path("DecHead", "GrossWet")`.
    public func path(_ names: String...) -> XMLElement? {
        path(names)
    }

    public func path(_ names: [String]) -> XMLElement? {
        var current = self
        for name in names {
            guard let next = current.child(name) else { return nil }
            current = next
        }
        return current
    }

    /// The first descendant (depth first, self excluded) with this local name.
    public func firstDescendant(_ name: String) -> XMLElement? {
        for child in children {
            if child.name == name { return child }
            if let found = child.firstDescendant(name) { return found }
        }
        return nil
    }

    /// Every descendant (depth first, self excluded) with this local name.
    public func descendants(_ name: String) -> [XMLElement] {
        var found: [XMLElement] = []
        for child in children {
            if child.name == name { found.append(child) }
            found += child.descendants(name)
        }
        return found
    }

    /// The value of an attribute by local name.
    public func attribute(_ name: String) -> String? {
        for index in attributes.indices where attributes[index].name == name {
            return attributes[index].value
        }
        return nil
    }

    /// The text with surrounding white space removed.
    public var trimmedText: String {
        XMLText.trimmed(text)
    }
}

public struct XMLAttribute: Sendable, Hashable {
    public var name: String
    public var namespace: String?
    public var value: String

    public init(name: String, namespace: String? = nil, value: String) {
        self.name = name
        self.namespace = namespace
        self.value = value
    }
}

/// Text helpers for XML character data.
public enum XMLText {
    /// Removes XML white space (space, tab, CR, LF) at both ends; other characters are kept.
    public static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        // Most text has nothing to trim: the string itself, without a copy. Its two ends are
        // read from its bytes in place (`first` and `last` of the view walk String indices).
        let untouched = utf8.withContiguousStorageIfAvailable { bytes in
            bytes.isEmpty || (!isSpace(bytes[0]) && !isSpace(bytes[bytes.count - 1]))
        }
        if untouched == true { return text }
        if let head = utf8.first, let tail = utf8.last, !isSpace(head), !isSpace(tail) { return text }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = utf8.lastIndex(where: { !isSpace($0) })!
        return String(text[first...last])
    }

    /// XML white space: space, tab, LF, CR.
    public static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
