import CustomsCore
import CustomsFormats
import CustomsPipeline
import CustomsTestSupport
@testable import CustomsXML
import Foundation
import Testing

/// The limits are configurable, each crossing is its own clear finding, and a value just within
/// a limit is read whole.
@Suite(.timeLimit(.minutes(20))) struct HostileLimitTests {
    private func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func processor(_ change: (inout PipelineConfiguration) -> Void) throws -> FileProcessor {
        var configuration = try PipelineConfiguration.load()
        change(&configuration)
        return FileProcessor(configuration: configuration)
    }

    private static let cbd = #"<?xml version="1.0"?><Declarations xmlns="urn:customs-corridor:cbd:1"><Declaration><ID>D-1</ID>"#

    @Test func attributesUpToTheLimitAreReadAndOneMoreIsRefused() throws {
        let folder = try TestPaths.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        func document(_ count: Int) -> String {
            Self.cbd + "<Remarks " + (0..<count).map { #"a\#($0)="=&gt;'""# }.joined(separator: " ") + "/></Declaration></Declarations>"
        }
        let within = Hostile.processor.process(try write(document(256), "within.xml", in: folder))
        #expect(!within.findings.contains { $0.rule == "xml.limit" })
        let over = Hostile.processor.process(try write(document(257), "over.xml", in: folder))
        #expect(over.findings.map(\.rule) == ["xml.limit"])
        #expect(over.findings.first?.message.contains("more than 256 attributes") == true)
    }

    @Test func smallerXMLLimitsAreFindingsToo() throws {
        let folder = try TestPaths.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let processor = try processor { $0.limits = XMLLimits(maxDepth: 5, maxAttributes: 2, maxTextBytes: 10, maxRecordNodes: 50) }
        let cases: [(String, String)] = [
            (Self.cbd + "<a><b><c><d><e/></d></c></b></a></Declaration></Declarations>", "nesting deeper than 5"),
            (Self.cbd + #"<Remarks x="1" y="2" z="3"/></Declaration></Declarations>"#, "more than 2 attributes"),
            (Self.cbd + "<Remarks>12345678901</Remarks></Declaration></Declarations>", "exceeds the limit of 10 bytes"),
            (Self.cbd + "<Remarks>123456<!-- -->78901</Remarks></Declaration></Declarations>", "in several text nodes"),
            (Self.cbd + String(repeating: "<Remarks/>", count: 60) + "</Declaration></Declarations>", "more than 50 XML nodes"),
        ]
        for (index, (text, message)) in cases.enumerated() {
            let result = processor.process(try write(text, "limit-\(index).xml", in: folder))
            let finding = result.findings.first { $0.rule == "xml.limit" }
            #expect(finding?.message.contains(message) == true, "\(message): \(result.findings.map(\.message))")
        }
    }

    @Test func csvLimitsAreConfigurable() throws {
        let folder = try TestPaths.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let processor = try processor { $0.csv.limits = CSVLimits(maxFieldBytes: 20, maxRecordBytes: 40, maxFields: 4) }
        let cases: [(String, String)] = [
            ("id,description\nD-1,\(String(repeating: "x", count: 30))\n", "runs past 20 bytes"),
            ("id,description\nD-1,\"\(String(repeating: "x", count: 30))\"\n", "runs past 20 bytes"),
            ("id,description,hs_code\nD-1,\(String(repeating: "y", count: 15)),\(String(repeating: "1", count: 15)),\(String(repeating: "2", count: 15))\n", "longer than 40 bytes"),
            ("id,description\nD-1,a,b,c,d,e\n", "more than 4 fields"),
        ]
        for (index, (text, message)) in cases.enumerated() {
            let result = processor.process(try write(text, "limit-\(index).csv", in: folder))
            let finding = result.findings.first { $0.rule == "csv.malformed" }
            #expect(finding?.message.contains(message) == true, "\(message): \(result.findings.map(\.message))")
        }
    }

    @Test func theFileSizeLimitIsDecidedBeforeReading() throws {
        let processor = try processor { $0.maxFileSize = FileSizeLimit(bytes: 1000) }
        let result = processor.process(TestPaths.sample("cbd-rail-consignment-altynkol.xml"))
        #expect(result.findings.map(\.rule) == ["file.limit"])
        #expect(result.sha256 == nil)
        #expect(FileSizeLimit.parse("512M")?.bytes == 512 << 20)
        #expect(FileSizeLimit.parse("100k")?.bytes == 102_400)
        #expect(FileSizeLimit.parse("1048576")?.bytes == 1_048_576)
        for bad in ["", "0", "-5", "12X", "M", "99999999999999999999G", "١٢"] {
            #expect(FileSizeLimit.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func theMarkupGuardSkipsWhatIsNotAStartTag() {
        func refusal(_ text: String, max: Int = 2, text limit: Int = 10, utf16: Bool = false) -> XMLMarkupGuard.Refusal? {
            var guardian = XMLMarkupGuard(maxAttributes: max, maxTextBytes: limit)
            let bytes: [UInt8] = utf16 ? text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } : Array(text.utf8)
            // Fed one byte at a time: every state survives a chunk boundary.
            for byte in bytes { _ = [byte].withUnsafeBytes { guardian.consume($0) } }
            guardian.finish()
            return guardian.refusal
        }
        #expect(refusal(#"<a x="1" y="2"/>"#) == nil)
        #expect(refusal(#"<a x="1" y="2" z="3"/>"#) == .attributes)
        #expect(refusal(#"<a x="1" y="2" z="3"/>"#, utf16: true) == .attributes)
        #expect(refusal(#"<a x="a=b=c=d"/>"#) == nil)
        #expect(refusal(#"<a x='="=' y="'='"/>"#) == nil)
        #expect(refusal("<!-- <a x=1 y=2 z=3> --->x=y=z=w<b/>", text: 100) == nil)
        #expect(refusal("<![CDATA[<a x=1 y=2 z=3>]]]>x=y=z<b/>", text: 100) == nil)
        #expect(refusal(#"<?pi a="1" b="2" c="3"?><b/>"#) == nil)
        #expect(refusal("<a></a x=1 y=2 z=3>") == nil)
        #expect(refusal("<!-- c --><!DOCTYPE a []><a/>") == .doctype)
        #expect(refusal("<!-- c --><!DOCTYPE a []><a/>", utf16: true) == .doctype)
        #expect(refusal("<a") == nil)
        #expect(refusal("<a>0123456789<!-- -->0123456789</a>") == nil)
        #expect(refusal("<a>0123456789<!-- -->0123456789x</a>") == .text)
        #expect(refusal("<a>0123456789<![CDATA[0123456789x]]></a>") == .text)
        #expect(refusal("<a>0123456789<b/>0123456789</a><c>0123456789</c>") == nil)
    }

    /// A document in memory skips the guard only when the guard could refuse none of it: every
    /// document it would refuse is looked at, and a plain declaration is not.
    @Test func theMarkupGuardIsSkippedOnlyWhereItCouldRefuseNothing() {
        func verdicts(_ text: String, utf16: Bool = false) -> (skipped: Bool, refusal: XMLMarkupGuard.Refusal?) {
            var guardian = XMLMarkupGuard(maxAttributes: 2, maxTextBytes: 10)
            let bytes: [UInt8] = utf16 ? text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } : Array(text.utf8)
            let skipped = bytes.withUnsafeBytes { guardian.cannotRefuse($0) }
            _ = bytes.withUnsafeBytes { guardian.consume($0) }
            guardian.finish()
            return (skipped, guardian.refusal)
        }
        let documents = [
            #"<a x="1" y="2"/>"#, #"<a x="1" y="2" z="3"/>"#, #"<a x="a=b=c=d"/>"#, "<!-- c --><!DOCTYPE a []><a/>",
            "<!DOCTYPE a><a/>", "<a>0123456789<!-- -->0123456789x</a>", "<a>0123456789</a>", "<a>0123456789x</a>",
            "<a>0123456789<![CDATA[0123456789x]]></a>", #"<?pi a="1" b="2" c="3"?><b/>"#, "<a", "", "<!D",
        ]
        for text in documents {
            let verdict = verdicts(text)
            #expect(!verdict.skipped || verdict.refusal == nil, "\(text)")
        }
        #expect(verdicts(#"<a x="1" y="2"/>"#) == (true, nil))
        #expect(verdicts("<a>0123456789</a>") == (true, nil))
        // Three `=` are more than two attributes could be, wherever they stand: looked at.
        #expect(verdicts(#"<a x="a=b=c=d"/>"#) == (false, nil))
        #expect(verdicts("<a><!-- c --></a>") == (false, nil))
        #expect(verdicts("<a>0123456789x0123456789</a>").skipped == false)
        #expect(verdicts(#"<a x="1"/>"#, utf16: true).skipped == false)
    }
}

/// Paths that are not regular files are never opened: a FIFO would block forever.
@Suite(.timeLimit(.minutes(20))) struct HostileSpecialFileTests {
    @Test func aFIFOAndADeviceAreNotRead() throws {
        let folder = try TestPaths.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("declaration.xml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for path in [fifo, "/dev/zero"] {
            let result = Hostile.processor.process(path)
            #expect(result.findings.map(\.rule) == ["file.unreadable"], "\(path)")
        }
        let outcome = try CommandRunner.run(["validate", folder.path], timeout: 1200)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("not a regular file"))
    }
}
