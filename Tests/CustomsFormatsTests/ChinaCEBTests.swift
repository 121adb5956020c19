import CustomsCore
import CustomsPipeline
import CustomsFormats
import CustomsTestSupport
import Foundation
import CustomsXML
import Testing

@Suite("China cross-border e-commerce (cn-ceb)")
struct ChinaCEBTests {
    static let cebFolder = TestPaths.corpus("cn-ceb")
    static let schemaFolder = TestPaths.corpus("schemas/cn-ceb-202205")

    /// Every buyer identity number and telephone in the CEB621 sample, read from the corpus file.
    static func buyerPersonalData() throws -> [String] {
        let text = try String(contentsOfFile: TestPaths.corpus("cn-ceb/CEB621Message.xml"), encoding: .utf8)
        var values: [String] = []
        for name in ["buyerIdNumber", "buyerTelephone"] {
            let pattern = try NSRegularExpression(pattern: "<ceb:\(name)>([^<]+)</ceb:\(name)>")
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { values.append(String(text[range])) }
            }
        }
        return values
    }

    @Test("CEB621: one declaration per Inventory, distinct keys, CNY from 142, JP from 116")
    func importInventory() throws {
        let result = try harmonized(TestPaths.corpus("cn-ceb/CEB621Message.xml"))
        #expect(result.format == "cn-ceb")
        #expect(result.messageType == "CEB621")
        #expect(result.declarations.count == 10)
        #expect(Set(result.declarations.map(\.key)).count == 10)
        #expect(result.declarations[0].key == "NBBH20160308005#1")
        for declaration in result.declarations {
            #expect(declaration.messageType == "CEB621")
            #expect(declaration.direction == .import)
            #expect(declaration.procedure == "9610")
            #expect(declaration.lodgedAt?.rfc3339.hasSuffix("+08:00") == true)
            #expect(declaration.transportDocuments.contains { $0.type == "waybill" })
            #expect(declaration.personalData == ["buyerIdNumber", "buyerTelephone"])
            #expect(declaration.importer?.name != nil)
            for item in declaration.goodsItems {
                #expect(item.currency == "CNY")
                #expect(item.asFiled["currency"] == "142")
                #expect(item.originCountry == "JP")
                #expect(item.asFiled["country"] == "116")
                #expect(item.hsCode == "854140")
            }
        }
        let first = result.declarations[0]
        #expect(first.lodgedAt?.rfc3339 == "2016-03-15T15:35:55+08:00")
        #expect(first.asFiled["declTime"] == "20160308")
        #expect(first.totals?.grossMassKg == 4000)
        #expect(first.exporter?.name == "测试企业")
        #expect(first.asFiled["buyerIdNumber"] == "130681136250023332")
        let personal = try Self.buyerPersonalData()
        #expect(!personal.isEmpty)
        for finding in result.findings {
            #expect(!personal.contains { finding.message.contains($0) })
        }
    }

    @Test("CEB621: no buyer identity number or telephone in validate's text or JSON output")
    func personalDataMasked() throws {
        let personal = try Self.buyerPersonalData()
        for format in ["text", "json"] {
            let outcome = try CommandRunner.run(["validate", "--format", format, TestPaths.corpus("cn-ceb/CEB621Message.xml")])
            #expect(outcome.status == 0 || outcome.status == 1)
            for value in personal {
                #expect(!outcome.stdout.contains(value), "\(format) output leaks personal data")
                #expect(!outcome.stderr.contains(value))
            }
        }
        // harmonize keeps them in asFiled only, as the contract says.
        let harmonized = try CommandRunner.run(["harmonize", TestPaths.corpus("cn-ceb/CEB621Message.xml")])
        #expect(harmonized.stdout.contains("\"buyerIdNumber\": \"130681136250023332\""))
    }

    @Test("CEB603: export inventories with the sample's ieFlag 'a' reported as code.direction")
    func exportInventory() throws {
        let result = try harmonized(TestPaths.corpus("cn-ceb/CEB603Message.xml"))
        #expect(result.declarations.count == 10)
        #expect(Set(result.declarations.map(\.key)).count == 10)
        #expect(result.declarations.allSatisfy { $0.direction == nil && $0.asFiled["ieFlag"] == "a" })
        #expect(result.findings.filter { $0.rule == "code.direction" }.count == 10)
        let first = try #require(result.declarations.first)
        #expect(first.exporter?.name == "东方物通科技(北京)有限公司")
        #expect(first.asFiled["ownerName"] == "东方物通科技(北京)有限公司")
        #expect(first.totals?.grossMassKg == decimal("80.25"))
        #expect(first.transportDocuments == [TransportDocument(type: "waybill", number: "L2018050700001")])
    }

    @Test("Other CEB messages are format.not-a-declaration, never format.unknown", arguments: [
        "CEB213", "CEB303", "CEB311", "CEB411", "CEB505", "CEB509", "CEB511", "CEB607", "CEB622", "CEB625", "CEB701",
    ])
    func notADeclaration(type: String) throws {
        let result = try harmonized(TestPaths.corpus("cn-ceb/\(type)Message.xml"))
        #expect(result.format == "cn-ceb")
        #expect(result.declarations.isEmpty)
        let finding = try #require(result.findings.first { $0.rule == "format.not-a-declaration" })
        #expect(finding.severity == .info)
        #expect(finding.message.hasPrefix("\(type) is "))
        #expect(!result.findings.contains { $0.rule == "format.unknown" })
    }

    @Test("validate --schemas: schema.violation on exactly the five export samples that repeat BaseTransfer")
    func schemaValidation() throws {
        let outcome = try CommandRunner.run(["validate", "--format", "json", "--schemas", Self.schemaFolder, Self.cebFolder])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("warning"))
        #expect(outcome.stderr.contains("海关跨境传输节点报文定义202205.xsd"))
        let json = try jsonObject(outcome.stdout)
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.count == 13)
        var violating: Set<String> = []
        for file in files {
            let name = URL(fileURLWithPath: file["file"] as? String ?? "").lastPathComponent
            let findings = file["findings"] as? [[String: Any]] ?? []
            let schema = findings.filter { ($0["rule"] as? String)?.hasPrefix("schema.") == true }
            if !schema.isEmpty { violating.insert(name) }
            for finding in schema {
                #expect(finding["rule"] as? String == "schema.violation")
                #expect(finding["line"] as? Int != nil)
                #expect((finding["message"] as? String)?.contains("BaseTransfer") == true)
            }
        }
        #expect(violating == [
            "CEB303Message.xml", "CEB505Message.xml", "CEB509Message.xml", "CEB603Message.xml", "CEB607Message.xml",
        ])
    }
}

/// The CEB adapter reads an inventory flat exactly as it reads its element tree.
@Suite struct ChinaCEBFlatReadingTests {
    @Test func theFlatReadingGivesTheDraftsOfTheTree() throws {
        let codeLists = try CodeLists(directory: TestPaths.schemas)
        var text = try String(contentsOfFile: TestPaths.corpus("cn-ceb/CEB621Message.xml"), encoding: .utf8)
        // Findings too: template text, an empty flag, a missing commodity code.
        text = text.replacing(#/<ceb:ebcName>[^<]*</ceb:ebcName>/#, with: "<ceb:ebcName>string</ceb:ebcName>")
        text = text.replacing(#/<ceb:note>[^<]*</ceb:note>/#, with: "<ceb:note> token </ceb:note>")
        text = text.replacingOccurrences(of: "<ceb:ieFlag>I</ceb:ieFlag>", with: "<ceb:ieFlag> </ceb:ieFlag>")
        text = text.replacingOccurrences(of: "<ceb:gcode>", with: "<ceb:gcode>x")
        let path = try TestPaths.scratch().appendingPathComponent("CEB621Message.xml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let adapter = ChinaCEBAdapter()
        let reader = XMLDocumentReader(path: path)
        var treeDrafts: [DeclarationDraft] = []
        var flatDrafts: [DeclarationDraft] = []
        var treeContext = HarmonizeContext(file: path, codeLists: codeLists, messageType: "CEB621")
        var flatContext = treeContext
        _ = reader.read(role: adapter.role(for:)) { treeDrafts += adapter.harmonize($0, context: &treeContext) }
        _ = reader.readFlat(role: adapter.role(for:)) { flatDrafts += adapter.harmonize(flat: $0, context: &flatContext) }
        #expect(treeDrafts.count == 10)
        #expect(flatDrafts.map(\.declaration) == treeDrafts.map(\.declaration))
        #expect(flatDrafts.map(\.findings) == treeDrafts.map(\.findings))
        let rules = Set(flatDrafts.flatMap(\.findings).map(\.rule))
        #expect(rules.isSuperset(of: ["field.placeholder", "field.missing", "field.invalid"]))
    }
}
