import CustomsCore
import CustomsTestSupport
import Foundation
import Testing

/// The `customs` binary as a user runs it: exit statuses, stdout/stderr, JSON shapes.
@Suite struct CommandLineTests {
    @Test func aMissingPathIsExit2WithOneClearLine() throws {
        let outcome = try CommandRunner.run(["validate", "no/such/folder"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("no such file or folder: no/such/folder") == true)
    }

    /// The configuration loads while the files are listed: a missing path is still the one
    /// error said, before code lists that cannot be read.
    @Test func aMissingPathIsSaidBeforeMissingCodeLists() throws {
        let outcome = try CommandRunner.run(["validate", "no/such/folder"], environment: ["CUSTOMS_SCHEMAS": "/no/such/schemas"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "customs: no such file or folder: no/such/folder\n")
        let schemasMissing = try CommandRunner.run(["validate", "Samples"], environment: ["CUSTOMS_SCHEMAS": "/no/such/schemas"])
        #expect(schemasMissing.status == 2)
        #expect(schemasMissing.stderr.contains("/no/such/schemas/codelists/cn-customs-countries.csv"))
    }

    /// An XSD that does not compile is said once, before the batch's output.
    @Test func anXSDThatDoesNotCompileIsSaidOnce() throws {
        let outcome = try CommandRunner.run(["validate", "--format", "json", "--schemas", TestPaths.corpus("schemas/cn-ceb-202205"), "Samples"])
        #expect(outcome.stderr.components(separatedBy: "does not compile and is not used").count - 1 == 1)
        #expect(outcome.stdout.hasPrefix("{"))
    }

    /// A report that cannot be written whole (standard output on a full disk: `/dev/full`) is
    /// the command failing, said on stderr, not a shorter report.
    @Test func aReportThatCannotBeWrittenIsExit2() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["validate", "--format", "json", "Samples"]
        process.currentDirectoryURL = TestPaths.packageRoot
        process.standardOutput = full
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 2)
        #expect(stderr.hasPrefix("customs: cannot write the report to the standard output: "))
    }

    @Test func aBadOptionIsExit2() throws {
        let outcome = try CommandRunner.run(["validate", "--no-such-option", "Samples"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("--no-such-option"))
    }

    /// A negative cap is said to be one, not taken for a missing value.
    @Test func aNegativeFindingsCapIsNamed() throws {
        let outcome = try CommandRunner.run(["validate", "--max-findings", "-1", "Samples"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("Error: --max-findings must be 0 or more"))
    }

    /// A report into a folder that does not exist is refused before the batch is read.
    @Test func aReportIntoAMissingFolderNamesTheFolder() throws {
        let outcome = try CommandRunner.run(["report", "--out", "no/such/folder/report.html", "Samples"])
        #expect(outcome.status == 2)
        // The folder as an absolute path: which one is meant is not in doubt.
        #expect(outcome.stderr.contains("--out no/such/folder/report.html: the folder /"))
        #expect(outcome.stderr.contains("/no/such/folder does not exist; create it first"))
    }

    @Test func theSamplesValidateCleanly() throws {
        let outcome = try CommandRunner.run(["validate", "Samples"])
        #expect(outcome.status == 0, "\(outcome.stdout)")
        #expect(outcome.stdout.contains(" 0 errors"))
    }

    @Test func theWholeCorpusGivesOneEntryPerFileAndNoCrash() throws {
        let outcome = try CommandRunner.run(["validate", "--format", "json", TestPaths.corpus.path])
        #expect(outcome.status == 0 || outcome.status == 1, "\(outcome.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        let files = try #require(json?["files"] as? [[String: Any]])
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: TestPaths.corpus.path).filter { path in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: TestPaths.corpus.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return !isDirectory.boolValue && !(path as NSString).lastPathComponent.hasPrefix(".")
        }
        #expect(files.count == onDisk.count)
        #expect(Set(files.compactMap { $0["file"] as? String }).count == onDisk.count)
        let summary = try #require(json?["summary"] as? [String: Any])
        #expect(summary["files"] as? Int == onDisk.count)
    }

    @Test func anExternalEntityIsRefusedAndNothingOfTheFileLeaks() throws {
        let fixture = TestPaths.fixture("xml/external-entity-reads-local-file.xml")
        for format in ["text", "json"] {
            let outcome = try CommandRunner.run(["validate", "--format", format, fixture])
            #expect(outcome.status == 1)
            #expect(outcome.stdout.contains("xml.dtd-forbidden"))
            #expect(!outcome.stdout.contains("root:"), "content of /etc/passwd leaked")
            #expect(!outcome.stderr.contains("root:"))
        }
        let harmonized = try CommandRunner.run(["harmonize", fixture])
        #expect(harmonized.status == 1)
        #expect(!harmonized.stdout.contains("root:"))
        #expect(harmonized.stdout.contains(#""declarations": []"#))
    }

    @Test func anEntityBombIsRejectedWithoutExpanding() throws {
        let outcome = try CommandRunner.run(["validate", TestPaths.fixture("xml/entity-expansion-bomb.xml")], timeout: 1200)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("xml.dtd-forbidden"))
        #expect(outcome.stdout.utf8.count < 2_000)
    }

    @Test func strictFailsOnWarnings() throws {
        let fixture = TestPaths.fixture("xml/placeholder-and-bad-number.xml")
        let outcome = try CommandRunner.run(["validate", "--format", "json", fixture])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("field.placeholder"))
        #expect(outcome.stdout.contains("field.invalid"))
    }

    @Test func findingsAreCappedVisibly() throws {
        let outcome = try CommandRunner.run(["validate", "--max-findings", "2", TestPaths.fixture("xml")])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("findings.capped"))
        // One file of the folder has one finding over the cap: said in the singular.
        #expect(outcome.stdout.contains("1 more finding was not listed (--max-findings 2) in this file"))
    }

    @Test func aCapShortensTheListNotTheVerdict() throws {
        let outcome = try CommandRunner.run(["validate", "--format", "json", "--max-findings", "1", TestPaths.corpus("cn-ceb/CEB621Message.xml")])
        #expect(outcome.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let file = try #require((json["files"] as? [[String: Any]])?.first)
        let declarations = try #require(file["declarations"] as? [[String: Any]])
        #expect(declarations.count == 10)
        #expect(declarations.allSatisfy { $0["valid"] as? Bool == false })
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 20)
        let findings = try #require(file["findings"] as? [[String: Any]])
        #expect(findings.compactMap { $0["rule"] as? String }.last == "findings.capped")
    }

    @Test func rulesPrintsTheCatalogue() throws {
        let outcome = try CommandRunner.run(["rules", "--format", "json"])
        #expect(outcome.status == 0)
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: String]])
        let byCode = Dictionary(uniqueKeysWithValues: rules.map { ($0["code"] ?? "", $0) })
        #expect(byCode["xml.dtd-forbidden"]?["severity"] == "error")
        #expect(byCode["field.placeholder"]?["severity"] == "warning")
        #expect(byCode["mirror.unmatched"]?["severity"] == "info")
    }

    @Test("a temporary folder that cannot be used: the same report, and a warning that the declarations stayed in memory")
    func unusableTemporaryFolder() throws {
        let folder = try TestPaths.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // More declarations than a file keeps in memory before it spills.
        var text = "id,declaring_country,direction,sequence,hs_code,gross_mass_kg,net_mass_kg\n"
        for number in 1...5000 { text += "KZ-\(number),KZ,import,1,851650,120.5,99.25\n" }
        let file = folder.appendingPathComponent("five-thousand-declarations.csv")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let usable = try CommandRunner.run(["validate", "--format", "json", file.path], timeout: 1200, environment: ["TMPDIR": folder.path])
        let unusable = try CommandRunner.run(
            ["validate", "--format", "json", file.path], timeout: 1200, environment: ["TMPDIR": "/nonexistent-customs-tmp"])
        #expect(usable.stdout.contains("\"declarations\": 5000"))
        #expect(unusable.stdout == usable.stdout)
        #expect(unusable.status == usable.status)
        #expect(!usable.stderr.contains("warning"))
        #expect(unusable.stderr.contains(
            "customs: warning: cannot create a temporary file in /nonexistent-customs-tmp: No such file or directory; the batch's declarations were kept in memory instead"))
        // The spill file was removed from its folder as soon as it was opened.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["five-thousand-declarations.csv"])
    }
}
