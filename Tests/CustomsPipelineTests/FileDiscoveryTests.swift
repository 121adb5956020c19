@testable import CustomsPipeline
import CustomsTestSupport
import Foundation
import Testing

/// The files of a batch folder: links followed once, a broken link reported, never a loop.
@Suite struct FileDiscoveryTests {
    /// A link to `.` and a link from a subfolder to its parent used to repeat the tree up to the
    /// system's 40 levels of links (41 copies of each file with one link; 2⁴⁰ paths with two).
    @Test(.timeLimit(.minutes(20))) func linksToAFolderAlreadyWalkedAreNotFollowedAgain() throws {
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

    /// Folders, files, a FIFO and links to each are told apart from the folder listing's types;
    /// a link to a folder is walked, a link to a file listed.
    @Test func entriesAreToldByTheirTypeAndLinksFollowed() throws {
        let folder = try TestPaths.scratch()
        let manager = FileManager.default
        try manager.createDirectory(at: folder.appendingPathComponent("b-sub"), withIntermediateDirectories: false)
        try Data("id\nD2\n".utf8).write(to: folder.appendingPathComponent("b-sub/inner.csv"))
        try Data("id\nD1\n".utf8).write(to: folder.appendingPathComponent("a.csv"))
        #expect(mkfifo(folder.appendingPathComponent("c-fifo.xml").path, 0o644) == 0)
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("d-link.csv").path, withDestinationPath: "a.csv")
        let outside = try TestPaths.scratch()
        try Data("id\nD3\n".utf8).write(to: outside.appendingPathComponent("far.csv"))
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("e-far").path, withDestinationPath: outside.path)
        let base = folder.path
        #expect(try FileDiscovery.files(in: [base]) == [
            base + "/a.csv", base + "/b-sub/inner.csv", base + "/c-fifo.xml", base + "/d-link.csv", base + "/e-far/far.csv",
        ])
        let fifo = FileProcessor(configuration: try PipelineConfiguration.load()).process(base + "/c-fifo.xml")
        #expect(fifo.findings.map(\.rule) == ["file.unreadable"])
        #expect(fifo.findings.first?.message == "not a regular file (a FIFO, device or socket); it is not read")
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
