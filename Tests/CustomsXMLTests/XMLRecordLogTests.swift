import CustomsTestSupport
import CustomsXML
import Foundation
import Testing

/// Records logged by the parser and built from the logs (``XMLRecordLog``) are the records the
/// parser builds itself, with the same findings, wherever the logs are cut and wherever a limit
/// halts the reading.
@Suite struct XMLRecordLogTests {
    /// Every record of a document built by the parser and built from its logs, and how many logs
    /// carried them; the outcomes must agree.
    static func readings(_ path: String, record: String, limits: XMLLimits = .standard) -> (flat: [XMLElement], logged: [XMLElement], logs: Int) {
        let reader = XMLDocumentReader(path: path, limits: limits)
        let role: (XMLStartTag) -> XMLNodeRole = { $0.name == record ? .record : .descend }
        var flat: [XMLElement] = []
        var flatLines: [[Int]] = []
        let flatOutcome = reader.readFlat(role: role) { record in
            flat.append(record.element(at: 0))
            flatLines.append((0..<record.count).map(record.line))
        }
        var logs: [XMLRecordLog] = []
        let loggedOutcome = reader.readLogged(role: role) { logs.append($0) }
        var logged: [XMLElement] = []
        var loggedLines: [[Int]] = []
        var builder = XMLRecordLog.Reader()
        for log in logs {
            builder.forEachRecord(in: log) { record in
                logged.append(record.element(at: 0))
                loggedLines.append((0..<record.count).map(record.line))
            }
        }
        #expect(loggedOutcome.findings == flatOutcome.findings)
        #expect(loggedOutcome.stopped == flatOutcome.stopped)
        #expect(loggedOutcome.root == flatOutcome.root)
        #expect(loggedLines == flatLines)
        #expect(logs.map(\.recordCount).reduce(0, +) == logged.count)
        return (flat, logged, logs.count)
    }

    static func write(_ text: String) throws -> String {
        let path = try TestPaths.scratch().appendingPathComponent("records.xml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theCEBSampleLoggedIsTheSampleBuilt() {
        let (flat, logged, logs) = Self.readings(TestPaths.corpus("cn-ceb/CEB621Message.xml"), record: "Inventory")
        #expect(flat.count == 10)
        #expect(logged == flat)
        #expect(logs == 1)
    }

    @Test func namespacesAttributesCommentsCDATAAndMixedTextAreKept() throws {
        let path = try Self.write("""
        <?xml version="1.0"?>
        <Root xmlns="urn:r"><Item code="a&amp;b" p:x="1" xmlns:p="urn:p">один<!-- c -->два<![CDATA[ ж ]]>
          <Sub p:y="2"/>   <p:Other>α<C>β</C>γ</p:Other>tail</Item><Item>  </Item><Item xmlns="urn:other" q="">x</Item></Root>
        """)
        let (flat, logged, _) = Self.readings(path, record: "Item")
        #expect(flat.count == 3)
        #expect(logged == flat)
        #expect(logged.first?.attributes.map(\.value) == ["a&b", "1"])
        #expect(logged.first?.text == "одиндва ж tail")
        #expect(logged.last?.namespace == "urn:other")
    }

    /// Hundreds of records: the logs are handed over full (32 records, or 96 KiB of events) and
    /// a name first met in a later log is defined there.
    @Test func recordsAcrossManyLogsAreAllBuilt() throws {
        var text = "<?xml version=\"1.0\"?>\n<Root>"
        for index in 0..<700 {
            text += "<Item n=\"\(index)\"><A>\(String(repeating: "x", count: index % 7 == 0 ? 600 : 3))</A>"
            if index == 650 { text += "<LateName late=\"yes\">late</LateName>" }
            text += "</Item>\n"
        }
        text += "</Root>"
        let (flat, logged, logs) = Self.readings(try Self.write(text), record: "Item")
        #expect(flat.count == 700)
        #expect(logged == flat)
        #expect(logs == 22)
        #expect(logged[650].children.last?.name == "LateName")
    }

    /// A limit in the middle of a record: the records before it are handed over, the one cut
    /// short is not, and the findings are the same. (Too many attributes are refused by the
    /// markup guard before the parser reads the document: no record.)
    @Test(arguments: [
        (XMLLimits(maxAttributes: 2), 0), (XMLLimits(maxTextBytes: 40), 2), (XMLLimits(maxRecordNodes: 4), 2), (XMLLimits(maxDepth: 4), 2),
    ])
    func aLimitKeepsTheRecordsBeforeIt(limits: XMLLimits, records: Int) throws {
        let path = try Self.write("""
        <?xml version="1.0"?>
        <Root><Item a="1"><A>short</A></Item><Item a="1"><A>short</A></Item><Item a="1" b="2" c="3"><A><B><C>\(String(repeating: "y", count: 50))</C></B></A><D/></Item><Item><A>after</A></Item></Root>
        """)
        let (flat, logged, _) = Self.readings(path, record: "Item", limits: limits)
        #expect(flat.count == records)
        #expect(logged == flat)
    }

    @Test func aTruncatedDocumentHandsOverItsCompleteRecords() throws {
        let path = try Self.write("<?xml version=\"1.0\"?>\n<Root><Item><A>1</A></Item><Item><A>2</A></Item><Item><A>3")
        let (flat, logged, _) = Self.readings(path, record: "Item")
        #expect(flat.count == 2)
        #expect(logged == flat)
    }
}
