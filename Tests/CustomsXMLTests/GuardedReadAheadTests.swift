import CustomsCore
import CustomsTestSupport
@testable import CustomsXML
import Foundation
import Testing

@Suite struct GuardedReadAheadTests {
    /// A document of many reads, with `hostile` (if any) about `at` bytes in.
    private static func document(records: Int, hostile: String = "", at: Int = 0) -> [UInt8] {
        var text = "<?xml version=\"1.0\"?>\n<Declarations>\n"
        var placed = hostile.isEmpty
        for index in 0..<records {
            if !placed, text.utf8.count >= at {
                text += hostile
                placed = true
            }
            text += "  <Declaration><ID>\(index)</ID><Note a=\"1\" b='2'>text &amp; more<!-- c --></Note></Declaration>\n"
        }
        return Array((text + "</Declarations>\n").utf8)
    }

    /// The reads the parser makes, with their bytes, up to the one that ends the reading.
    private static func reads(_ next: (UnsafeMutableRawPointer, Int) -> GuardedSource.Step) -> [(GuardedSource.Step, [UInt8])] {
        var reads: [(GuardedSource.Step, [UInt8])] = []
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: SAXPushParser.readSize, alignment: 16)
        defer { buffer.deallocate() }
        var count = SAXPushParser.headSize
        while true {
            let step = next(buffer, count)
            guard case let .bytes(got) = step else {
                reads.append((step, []))
                return reads
            }
            reads.append((step, Array(UnsafeRawBufferPointer(start: buffer, count: got))))
            count = SAXPushParser.readSize
        }
    }

    private static func inPlace(_ origin: GuardedSource.Origin) -> [(GuardedSource.Step, [UInt8])] {
        var source = GuardedSource(origin, limits: .standard)
        return reads { source.next(into: $0, count: $1) }
    }

    private static func ahead(_ origin: GuardedSource.Origin) -> [(GuardedSource.Step, [UInt8])] {
        let ahead = GuardedReadAhead(GuardedSource(origin, limits: .standard))
        defer { ahead.close() }
        return reads { ahead.next(into: $0, count: $1) }
    }

    private static func expectSame(_ a: [(GuardedSource.Step, [UInt8])], _ b: [(GuardedSource.Step, [UInt8])]) {
        #expect(a.count == b.count)
        #expect(a.map(\.0) == b.map(\.0))
        #expect(a.map(\.1) == b.map(\.1))
    }

    @Test func readAheadGivesTheSameChunksAsReadingInPlace() {
        let bytes = Self.document(records: 20_000)
        #expect(bytes.count > 4 * GuardedReadAhead.readsPerBlock * SAXPushParser.readSize)
        let inPlace = Self.inPlace(.memory(bytes))
        #expect(inPlace.last?.0 == .end)
        Self.expectSame(inPlace, Self.ahead(.memory(bytes)))
    }

    /// Markup the guard refuses, for each refusal.
    private static func hostile(_ refusal: XMLMarkupGuard.Refusal) -> String {
        switch refusal {
        case .attributes: "<Junk " + (0..<300).map { "a\($0)=\"x\"" }.joined(separator: " ") + "/>"
        case .doctype: "<!DOCTYPE x [<!ENTITY a \"b\">]>"
        case .text: "<Long>" + Array(repeating: String(repeating: "x", count: 100_000), count: 220).joined(separator: "<!---->") + "</Long>"
        }
    }

    @Test(arguments: [XMLMarkupGuard.Refusal.attributes, .doctype, .text])
    func aRefusalComesAtTheSameReadAsInPlace(refusal: XMLMarkupGuard.Refusal) throws {
        let hostile = Self.hostile(refusal)
        let bytes = Self.document(records: 20_000, hostile: hostile, at: 700_001)
        let path = try TestPaths.scratch().appendingPathComponent("refused.xml").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let inPlace = Self.inPlace(.memory(bytes))
        #expect(inPlace.last?.0 == .refused(refusal))
        #expect(inPlace.count > 2 * GuardedReadAhead.readsPerBlock)
        Self.expectSame(inPlace, Self.ahead(.memory(bytes)))
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        Self.expectSame(inPlace, Self.ahead(.descriptor(descriptor)))
    }

    @Test func aParserThatStopsEarlyStopsTheReader() {
        let bytes = Self.document(records: 40_000)
        let ahead = GuardedReadAhead(GuardedSource(.memory(bytes), limits: .standard))
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: SAXPushParser.readSize, alignment: 16)
        defer { buffer.deallocate() }
        #expect(ahead.next(into: buffer, count: SAXPushParser.headSize) == .bytes(4))
        #expect(ahead.next(into: buffer, count: SAXPushParser.readSize) == .bytes(SAXPushParser.readSize))
        ahead.close()
    }

    @Test func aDocumentReadAheadHasTheFindingsOfOneReadInPlace() throws {
        for hostile in ["", Self.hostile(.attributes), "<Declaration><ID>1</ID></Declaratio>"] {
            let path = try TestPaths.scratch().appendingPathComponent("document.xml").path
            try Data(Self.document(records: 20_000, hostile: hostile, at: 500_000)).write(to: URL(fileURLWithPath: path))
            var reader = XMLDocumentReader(path: path)
            var inPlace: [XMLElement] = []
            let expected = reader.read(role: { $0.name == "Declaration" ? .record : .descend }, onRecord: { inPlace.append($0) })
            reader.readsAhead = true
            var ahead: [XMLElement] = []
            let outcome = reader.read(role: { $0.name == "Declaration" ? .record : .descend }, onRecord: { ahead.append($0) })
            #expect(outcome.findings == expected.findings)
            #expect(outcome.stopped == expected.stopped)
            #expect(ahead.count == inPlace.count)
            #expect(ahead.last?.child("ID")?.text == inPlace.last?.child("ID")?.text)
        }
    }
}
