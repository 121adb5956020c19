extension XMLRecordLog {
    /// Writes the events of complete records (see ``XMLRecordLog``), with the names of the
    /// parser's dictionary as ids: one pointer-keyed lookup per name, its bytes written once per
    /// document.
    ///
    /// Only complete records are handed over (``take()``): the events of a record cut short by a
    /// limit are taken back (``rollBack()``). Its memory is freed with ``deallocate()``; what it
    /// handed over goes with the logs.
    struct Writer {
        private var bytes: UnsafeMutableRawPointer
        private var count = 0
        private var capacity: Int
        private(set) var recordCount = 0
        /// Where the record being written starts.
        private var recordStart = 0
        /// The names met in the document: their dictionary pointers (open addressing) and ids.
        private var nameKeys: UnsafeMutablePointer<UnsafePointer<UInt8>?>
        private var nameIDs: UnsafeMutablePointer<Int32>
        private var nameSlots = 256
        private var nameCount: Int32 = 0

        static let initialCapacity = 1 << 17

        init() {
            capacity = Self.initialCapacity
            bytes = .allocate(byteCount: capacity, alignment: 16)
            nameKeys = .allocate(capacity: nameSlots)
            nameKeys.initialize(repeating: nil, count: nameSlots)
            nameIDs = .allocate(capacity: nameSlots)
            nameIDs.initialize(repeating: -1, count: nameSlots)
        }

        func deallocate() {
            bytes.deallocate()
            nameKeys.deallocate()
            nameIDs.deallocate()
        }

        /// Whether the log holds enough to be handed over.
        var isFull: Bool { recordCount >= 32 || count >= 96 << 10 }

        /// The complete records written since the last hand-over, as a log; the writer goes on
        /// in new memory.
        mutating func take() -> XMLRecordLog {
            let log = XMLRecordLog(taking: bytes, count: recordStart, recordCount: recordCount)
            let pending = count - recordStart
            // Back to the usual size after a record that grew the log.
            capacity = max(Self.initialCapacity, pending)
            let fresh = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
            fresh.copyMemory(from: bytes + recordStart, byteCount: pending)
            bytes = fresh
            count = pending
            recordStart = 0
            recordCount = 0
            return log
        }

        // MARK: Events

        @inline(__always) private mutating func reserve(_ extra: Int) {
            if count + extra > capacity { grow(to: count + extra) }
        }

        private mutating func grow(to needed: Int) {
            var grown = capacity * 2
            while grown < needed { grown *= 2 }
            let storage = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
            storage.copyMemory(from: bytes, byteCount: count)
            bytes.deallocate()
            bytes = storage
            capacity = grown
        }

        @inline(__always) private mutating func put<T>(_ value: T) {
            bytes.storeBytes(of: value, toByteOffset: count, as: T.self)
            count += MemoryLayout<T>.size
        }

        @inline(__always) private mutating func put(_ source: UnsafeRawPointer?, count byteCount: Int) {
            guard let source, byteCount > 0 else { return }
            (bytes + count).copyMemory(from: source, byteCount: byteCount)
            count += byteCount
        }

        /// The id of the name at `pointer` (a name of the parser's dictionary), its bytes written
        /// when it is met for the first time; -1 for none. Called before the event using it.
        mutating func name(_ pointer: UnsafePointer<UInt8>?) -> Int32 {
            guard let pointer else { return -1 }
            var slot = InternedNames.slot(of: pointer, mask: nameSlots - 1)
            while let key = nameKeys[slot] {
                if key == pointer { return nameIDs[slot] }
                slot = (slot + 1) & (nameSlots - 1)
            }
            let id = nameCount
            nameCount += 1
            nameKeys[slot] = pointer
            nameIDs[slot] = id
            if Int(nameCount) * 2 > nameSlots { growNames() }
            var length = 0
            while pointer[length] != 0 { length += 1 }
            reserve(9 + length)
            put(Event.name.rawValue)
            put(id)
            put(Int32(length))
            put(pointer, count: length)
            return id
        }

        private mutating func growNames() {
            let oldKeys = nameKeys, oldIDs = nameIDs, oldSlots = nameSlots
            nameSlots *= 2
            nameKeys = .allocate(capacity: nameSlots)
            nameKeys.initialize(repeating: nil, count: nameSlots)
            nameIDs = .allocate(capacity: nameSlots)
            nameIDs.initialize(repeating: -1, count: nameSlots)
            for index in 0..<oldSlots {
                guard let key = oldKeys[index] else { continue }
                var slot = InternedNames.slot(of: key, mask: nameSlots - 1)
                while nameKeys[slot] != nil { slot = (slot + 1) & (nameSlots - 1) }
                nameKeys[slot] = key
                nameIDs[slot] = oldIDs[index]
            }
            oldKeys.deallocate()
            oldIDs.deallocate()
        }

        mutating func start(name: Int32, namespace: Int32, line: Int, attributeCount: Int32) {
            reserve(21)
            put(Event.start.rawValue)
            put(name)
            put(namespace)
            put(line)
            put(attributeCount)
        }

        mutating func attribute(name: Int32, namespace: Int32, value: UnsafePointer<UInt8>?, count valueCount: Int) {
            reserve(12 + valueCount)
            put(name)
            put(namespace)
            put(Int32(valueCount))
            put(value, count: valueCount)
        }

        mutating func text(_ text: UnsafePointer<UInt8>, count textCount: Int) {
            reserve(5 + textCount)
            put(Event.text.rawValue)
            put(Int32(textCount))
            put(text, count: textCount)
        }

        mutating func end() {
            reserve(1)
            put(Event.end.rawValue)
        }

        /// The events since the last complete record make one.
        mutating func commitRecord() {
            recordCount += 1
            recordStart = count
        }

        /// Takes back the events of the record not completed.
        mutating func rollBack() {
            count = recordStart
        }
    }
}
