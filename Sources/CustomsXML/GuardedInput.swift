import Foundation

/// The bytes of a file fed to libxml2's push parser, passed through ``XMLMarkupGuard`` first:
/// when the guard refuses the document, the read fails and nothing more is parsed.
final class GuardedInput {
    private let descriptor: Int32
    private var markup: XMLMarkupGuard
    /// Set when the guard refused the document; the findings recorded before it stand.
    private(set) var refusal: XMLMarkupGuard.Refusal?
    /// How many findings the sink held when the guard refused (libxml2's echo of the failed
    /// read comes after them and is dropped).
    var findingsAtRefusal = 0
    private let sink: XMLErrorSink

    init(descriptor: Int32, limits: XMLLimits, sink: XMLErrorSink) {
        self.descriptor = descriptor
        self.markup = XMLMarkupGuard(maxAttributes: limits.maxAttributes, maxTextBytes: limits.maxTextBytes)
        self.sink = sink
    }

    /// Reads up to `count` bytes into `buffer`: the byte count, 0 at the end, -1 on failure.
    func read(into buffer: UnsafeMutablePointer<CChar>, count: Int) -> Int32 {
        if refusal != nil { return -1 }
        let got = Foundation.read(descriptor, buffer, count)
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
