import CustomsTestSupport
import Foundation
import Testing

/// A real declaration cut at every 7th byte before its root element closes: every cut is an
/// error finding (never a crash, never a declaration that passes as valid).
@Suite(.timeLimit(.minutes(20))) struct HostileTruncationTests {
    static let samples = ["cn-dec-export-alashankou-rail.xml", "cbd-rail-consignment-altynkol.xml"]

    @Test(arguments: samples)
    func everyCutIsAnError(_ sample: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestPaths.sample(sample))))
        let rootEnd = try #require(lastRange(of: Array("</".utf8), in: bytes))
        let folder = try TestPaths.scratch(sample)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("truncated.xml").path
        let expected: Set<String> = ["xml.malformed", "encoding.invalid", "file.empty"]
        var cuts = 0
        for cut in stride(from: 0, to: rootEnd, by: 7) {
            try Data(bytes[..<cut]).write(to: URL(fileURLWithPath: path))
            let result = Hostile.processor.process(path)
            let rules = Set(result.findings.map(\.rule))
            #expect(!rules.isDisjoint(with: expected), "cut at byte \(cut): \(rules.sorted())")
            #expect(!result.declarations.contains(where: result.validity()), "cut at byte \(cut) gave a valid declaration")
            cuts += 1
        }
        #expect(cuts > 400)
    }

    private func lastRange(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        var index = bytes.count - needle.count
        while index >= 0 {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index -= 1
        }
        return nil
    }
}
