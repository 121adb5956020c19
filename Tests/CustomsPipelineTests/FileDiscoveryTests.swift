@testable import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

/// The files of a batch folder: links followed once, a broken link reported, never a loop.
@Suite struct FileDiscoveryTests {
    /// A link to `.` and a link from a subfolder to its parent used to repeat the tree up to the
    /// system's 40 levels of links (41 copies of each file with one link; 2⁴⁰ paths with two).
    @Test(.timeLimit(.minutes(2))) func linksToAFolderAlreadyWalkedAreNotFollowedAgain() throws {
        let folder = try TestPaths.scratch()
        let manager = FileManager.default
        try Data("id\nD1\n".utf8).write(to: folder.appendingPathComponent("manifest.csv"))
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("again").path, withDestinationPath: ".")
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("and-again").path, withDestinationPath: ".")
        try manager.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: false)
        try Data("id\nD2\n".utf8).write(to: folder.appendingPathComponent("sub/other.csv"))
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("sub/up").path, withDestinationPath: "..")
        let files = try FileDiscovery.files(in: [folder.path])
        #expect(files == [folder.path + "/manifest.csv", folder.path + "/sub/other.csv"])
    }

    @Test func aBrokenLinkIsListedAndItsReadingSaysWhereItPoints() throws {
        let folder = try TestPaths.scratch()
        let link = folder.appendingPathComponent("Dec-missing.xml").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/nonexistent/Dec-2024.xml")
        #expect(try FileDiscovery.files(in: [folder.path]) == [link])
        let result = FileProcessor(configuration: try PipelineConfiguration.load()).process(link)
        #expect(result.findings.map(\.rule) == ["file.unreadable"])
        #expect(result.findings.first?.message == "cannot read the file: it is a symbolic link to /nonexistent/Dec-2024.xml, which does not exist")
    }
}
