import Foundation

/// The bytes of a document fed to libxml2's push parser, passed through ``XMLMarkupGuard`` first:
/// when the guard refuses the document, the read fails and nothing more is parsed.
///
/// The bytes come from an open file or from a copy of the file already in memory; a read from
/// memory returns what a read of the regular file would (`min(count, left)` bytes), so the
/// parser is fed the same chunks either way.
final class GuardedInput {
    private enum Source {
        case descriptor(Int32)
        case memory([UInt8])
    }

    private let source: Source
    /// The next byte to hand out when the source is in memory.
    private var offset = 0
    private var markup: XMLMarkupGuard
    /// Set when the guard refused the document; the findings recorded before it stand.
    private(set) var refusal: XMLMarkupGuard.Refusal?
    /// How many findings the sink held when the guard refused (libxml2's echo of the failed
    /// read comes after them and is dropped).
    var findingsAtRefusal = 0
    private let sink: XMLErrorSink

    init(descriptor: Int32, limits: XMLLimits, sink: XMLErrorSink) {
        self.source = .descriptor(descriptor)
        self.markup = XMLMarkupGuard(maxAttributes: limits.maxAttributes, maxTextBytes: limits.maxTextBytes)
        self.sink = sink
    }

    /// The file's bytes already read into memory.
    init(contents: [UInt8], limits: XMLLimits, sink: XMLErrorSink) {
        self.source = .memory(contents)
        self.markup = XMLMarkupGuard(maxAttributes: limits.maxAttributes, maxTextBytes: limits.maxTextBytes)
        self.sink = sink
    }

    /// Reads up to `count` bytes into `buffer`: the byte count, 0 at the end, -1 on failure.
    func read(into buffer: UnsafeMutablePointer<CChar>, count: Int) -> Int32 {
        if refusal != nil { return -1 }
        let got: Int
        switch source {
        case let .descriptor(descriptor):
            got = Foundation.read(descriptor, buffer, count)
        case let .memory(bytes):
            got = min(count, bytes.count - offset)
            if got > 0 {
                bytes.withUnsafeBytes { source in
                    UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + offset, byteCount: got)
                }
                offset += got
            }
        }
        if got < 0 { return -1 }
        if got == 0 {
            markup.finish()
        } else if !markup.consume(UnsafeRawBufferPointer(start: buffer, count: got)) {
            refusal = markup.refusal
            findingsAtRefusal = sink.findings.count
            return -1
        }
        return Int32(got)
    }
}
