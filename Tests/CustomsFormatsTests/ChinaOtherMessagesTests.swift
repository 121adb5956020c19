import CustomsPipeline
import CustomsTestSupport
import Testing

@Suite struct ChinaOtherMessagesTests {
    @Test(arguments: [
        ("cn-dec/MT1401.xml", "MT1401 is a China customs manifest"),
        ("cn-dec/MT2401.xml", "MT2401 is a China customs manifest"),
        ("cn-dec/PassPort.xml", "SAS121 is a special-zone gate pass"),
        ("cn-dec/goldtwo_newsinvt.xml", "INV101 is a bonded goods inventory"),
    ])
    func manifestsAndSpecialZoneMessagesAreNotDeclarations(file: String, message: String) throws {
        let result = FileProcessor(configuration: try PipelineConfiguration.load()).process(TestPaths.corpus(file))
        #expect(result.declarations.isEmpty)
        #expect(result.findings.map(\.rule) == ["format.not-a-declaration"])
        #expect(result.findings.first?.message.hasPrefix(message) == true)
        #expect(result.findings.first?.severity == .info)
    }
}
