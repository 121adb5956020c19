import CustomsCore
import Dispatch
import Foundation

/// The bytes of a document fed to libxml2's push parser, passed through ``XMLMarkupGuard`` first:
/// when the guard refuses the document, the read fails and nothing more is parsed.
///
/// The bytes come from an open file or from a copy of the file already in memory
/// (``GuardedSource``), read in place or, with ``init(readingAheadOf:sink:)``, the
/// reads and the guard run on a thread of their own, a few blocks ahead of the parser, and the
/// parser is handed the same chunks, and the refusal at the same read, as read in place.
final class GuardedInput {
    private var source: GuardedSource?
    private let ahead: GuardedReadAhead?
    /// Set when the guard refused the document; the findings recorded before it stand.
    private(set) var refusal: XMLMarkupGuard.Refusal?
    /// How many findings the sink held when the guard refused (libxml2's echo of the failed
    /// read comes after them and is dropped).
    var findingsAtRefusal = 0
    private let sink: XMLErrorSink

    /// `source` read in place, on the parser's thread.
    init(source: GuardedSource, sink: XMLErrorSink) {
        self.source = source
        self.ahead = nil
        self.sink = sink
    }

    /// `source` read ahead on a thread of its own; ``close()`` stops it.
    init(readingAheadOf source: GuardedSource, sink: XMLErrorSink) {
        self.source = nil
        self.ahead = GuardedReadAhead(source)
        self.sink = sink
    }

    /// Stops reading ahead, once the parser is done; the source is not read after it returns.
    func close() {
        ahead?.close()
    }

    /// Reads up to `count` bytes into `buffer`: the byte count, 0 at the end, -1 on failure.
    func read(into buffer: UnsafeMutablePointer<CChar>, count: Int) -> Int32 {
        if refusal != nil { return -1 }
        let step: GuardedSource.Step
        if let ahead {
            step = ahead.next(into: UnsafeMutableRawPointer(buffer), count: count)
        } else {
            step = source!.next(into: UnsafeMutableRawPointer(buffer), count: count)
        }
        switch step {
        case let .bytes(got):
            return Int32(got)
        case .end:
            return 0
        case .failure:
            return -1
        case let .refused(refusal):
            self.refusal = refusal
            findingsAtRefusal = sink.findings.count
            return -1
        }
    }
}

/// One read of a document's bytes and the guard's look at them: the step behind each read of
/// ``GuardedInput``, in place or ahead.
struct GuardedSource: Sendable {
    enum Origin: Sendable {
        case descriptor(Int32)
        case memory([UInt8])
    }

    enum Step: Sendable, Equatable {
        /// This many bytes read and let through.
        case bytes(Int)
        case end
        /// The read failed.
        case failure
        /// The bytes read were refused.
        case refused(XMLMarkupGuard.Refusal)
    }

    private let origin: Origin
    /// The next byte to hand out when the bytes are in memory.
    private var offset = 0
    private var markup: XMLMarkupGuard
    /// False when the guard is known beforehand to let every byte through (a document in memory
    /// that ``XMLMarkupGuard/cannotRefuse(_:)``): the reads are then not looked at.
    private let guarded: Bool

    init(_ origin: Origin, limits: XMLLimits) {
        self.origin = origin
        let markup = XMLMarkupGuard(maxAttributes: limits.maxAttributes, maxTextBytes: limits.maxTextBytes)
        self.markup = markup
        if case let .memory(bytes) = origin {
            guarded = !bytes.withUnsafeBytes { markup.cannotRefuse($0) }
        } else {
            guarded = true
        }
    }

    /// Whether one read of many bytes returns what reads of fewer, one after the other, would
    /// (`min(count, left)` bytes each): bytes in memory, a regular file.
    var readsAtOnce: Bool {
        switch origin {
        case let .descriptor(descriptor):
            var status = stat()
            return fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        case .memory:
            return true
        }
    }

    /// Reads up to `count` bytes into `buffer` and lets the guard look at them.
    mutating func next(into buffer: UnsafeMutableRawPointer, count: Int) -> Step {
        look(at: buffer, count: read(into: buffer, count: count))
    }

    /// Reads up to `count` bytes into `buffer`: the byte count, 0 at the end, -1 on failure.
    mutating func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        switch origin {
        case let .descriptor(descriptor):
            return Foundation.read(descriptor, buffer, count)
        case let .memory(bytes):
            let got = min(count, bytes.count - offset)
            if got > 0 {
                bytes.withUnsafeBytes { source in
                    buffer.copyMemory(from: source.baseAddress! + offset, byteCount: got)
                }
                offset += got
            }
            return got
        }
    }

    /// Lets the guard look at the `got` bytes of one read in `buffer`.
    mutating func look(at buffer: UnsafeMutableRawPointer, count got: Int) -> Step {
        if got < 0 { return .failure }
        if got == 0 {
            if guarded { markup.finish() }
            return .end
        }
        if guarded, !markup.consume(UnsafeRawBufferPointer(start: buffer, count: got)) {
            return .refused(markup.refusal!)
        }
        return .bytes(got)
    }
}

/// A ``GuardedSource`` read on a thread of its own, in the reads ``SAXPushParser`` makes (its
/// first ``SAXPushParser/headSize`` bytes, then ``SAXPushParser/readSize`` at a time; from a
/// regular file or memory a block of them in one read, cut into those), a few blocks of reads
/// ahead of the parser: ``next(into:count:)`` hands the reads over one by one,
/// each with the bytes and the step it had, up to the step that ended the reading.
///
/// The blocks go through a bounded FIFO behind a ``LockedValue`` (which orders a block's bytes
/// before their reading for ThreadSanitizer too); read, they go back to the reader to be filled
/// again. The parser calls ``close()`` when it is done (the reader holds the reading ahead until
/// it stops).
final class GuardedReadAhead: @unchecked Sendable {
    /// Reads per block, and blocks read ahead at most.
    static let readsPerBlock = 64
    static let capacity = 4

    private final class Block: @unchecked Sendable {
        let bytes: UnsafeMutableRawPointer
        /// The byte count of each read, in order.
        var counts: [Int] = []
        /// The step that ended the reading, after the reads of ``counts``.
        var last: GuardedSource.Step?

        init() {
            bytes = .allocate(byteCount: SAXPushParser.headSize + GuardedReadAhead.readsPerBlock * SAXPushParser.readSize, alignment: 16)
            counts.reserveCapacity(GuardedReadAhead.readsPerBlock)
        }

        deinit { bytes.deallocate() }
    }

    private struct State {
        var ready: [Block] = []
        var spare: [Block] = []
        var stopped = false
    }

    private let state = LockedValue(State())
    /// Counts the blocks put (not yet taken); its initial value is 0 (libdispatch checks it when freed).
    private let filled = DispatchSemaphore(value: 0)
    /// Counts the blocks the reader may fill.
    private let free = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private var closed = false
    // The parser's side.
    private var current: Block?
    private var read = 0
    private var position = 0
    private var first = true

    init(_ source: GuardedSource) {
        for _ in 0..<Self.capacity { free.signal() }
        let thread = Thread { [self] in
            var source = source
            fill(&source)
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The reader's loop: fills blocks until the reading ends or the parser is done.
    private func fill(_ source: inout GuardedSource) {
        var first = true
        var atOnce = source.readsAtOnce
        while true {
            free.wait()
            let (stopped, spare) = state.withLock { ($0.stopped, $0.spare.popLast()) }
            if stopped { return }
            let block = spare ?? Block()
            block.counts.removeAll(keepingCapacity: true)
            block.last = nil
            var offset = 0
            if atOnce {
                // One read for the block, cut into the reads the parser makes.
                let size = (first ? SAXPushParser.headSize : 0) + Self.readsPerBlock * SAXPushParser.readSize
                let got = source.read(into: block.bytes, count: size)
                if got == 0 {
                    block.last = source.look(at: block.bytes, count: 0)
                }
                while offset < got {
                    let count = min(first ? SAXPushParser.headSize : SAXPushParser.readSize, got - offset)
                    first = false
                    let step = source.look(at: block.bytes + offset, count: count)
                    guard case .bytes = step else {
                        block.last = step
                        break
                    }
                    block.counts.append(count)
                    offset += count
                }
                // A failed read is made again in the parser's sizes, which fails where it would have.
                atOnce = got >= 0
            }
            while !atOnce && block.last == nil && block.counts.count < Self.readsPerBlock {
                let count = first ? SAXPushParser.headSize : SAXPushParser.readSize
                first = false
                let step = source.next(into: block.bytes + offset, count: count)
                guard case let .bytes(got) = step else {
                    block.last = step
                    break
                }
                block.counts.append(got)
                offset += got
            }
            state.withLock { $0.ready.append(block) }
            filled.signal()
            if block.last != nil { return }
        }
    }

    /// The next read, as ``GuardedSource/next(into:count:)`` would have made it in place.
    func next(into buffer: UnsafeMutableRawPointer, count: Int) -> GuardedSource.Step {
        precondition(count == (first ? SAXPushParser.headSize : SAXPushParser.readSize), "read ahead in other sizes than asked for")
        first = false
        while true {
            if let block = current {
                if read < block.counts.count {
                    let got = block.counts[read]
                    buffer.copyMemory(from: block.bytes + position, byteCount: got)
                    read += 1
                    position += got
                    return .bytes(got)
                }
                if let last = block.last { return last }
                state.withLock { $0.spare.append(block) }
                current = nil
            }
            filled.wait()
            current = state.withLock { $0.ready.removeFirst() }
            free.signal()
            read = 0
            position = 0
        }
    }

    /// Stops the reader and waits for it.
    func close() {
        guard !closed else { return }
        closed = true
        state.withLock { $0.stopped = true }
        free.signal()
        done.wait()
        current = nil
        let blocks = state.withLock { state in
            defer { state.ready.removeAll(); state.spare.removeAll() }
            return state.ready + state.spare
        }
        withExtendedLifetime(blocks) {}
    }
}
