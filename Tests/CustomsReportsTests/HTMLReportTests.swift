import CustomsTestSupport
import CustomsXML
import Foundation
import Testing

/// The HTML report is one self-contained page that libxml2's HTML parser reads without errors.
@Suite struct HTMLReportTests {
    /// HTML5 elements libxml2 2.9 does not know; its unknown-tag notice for them is expected.
    static let html5Elements: Set<String> = [
        "main", "section", "header", "nav", "article", "details", "summary", "svg", "title", "line", "rect", "text",
    ]

    @Test(arguments: ["Samples", ReportRun.injectionFixture])
    func parsesWithOnlyUnknownTagNotices(path: String) throws {
        let run = try ReportRun.render([path], ext: "html", name: "parse\(path.count)")
        #expect(!run.text.isEmpty)
        let problems = HTMLCheck.problems(in: run.text)
        #expect(problems.filter { !$0.isUnknownTag }.isEmpty, "\(problems.filter { !$0.isUnknownTag })")
        for problem in problems where problem.isUnknownTag {
            let tag = problem.message.split(separator: " ").dropFirst().first.map(String.init) ?? problem.message
            #expect(Self.html5Elements.contains(tag), "unexpected unknown tag: \(problem)")
        }
    }

    @Test func referencesNoExternalURL() throws {
        let run = try ReportRun.render(["Samples"], ext: "html", name: "nourl")
        let page = run.text.lowercased()
        #expect(!page.contains("http:") && !page.contains("https:"), "a URL in the Samples report")
        #expect(!page.contains("url("))
        #expect(!page.contains("@import"))
        #expect(!page.contains("<link"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("<img"))
        // Every link is a fragment of the page itself, and every fragment exists.
        let hrefs = Self.attributeValues("href", in: run.text)
        #expect(!hrefs.isEmpty)
        for href in hrefs {
            #expect(href.hasPrefix("#"), "external link \(href)")
            #expect(run.text.contains("id=\"\(href.dropFirst())\""), "dangling link \(href)")
        }
        #expect(Self.attributeValues("src", in: run.text).isEmpty)
    }

    @Test func dataInThePageIsEscaped() throws {
        let run = try ReportRun.render([ReportRun.injectionFixture], ext: "html", name: "escaped")
        #expect(run.text.contains("=HYPERLINK(&quot;https://example.invalid/x&quot;,&quot;open&quot;)"))
        #expect(!run.text.contains("\"https://example.invalid"))
        #expect(run.text.contains("-ТОО «Қазақ Техника» | Алматы"))
        #expect(run.text.contains("+cmd|&#39; /C calc&#39;!A0 新疆天山机电"))
        // Only page-internal links, even with URLs in the data.
        for href in Self.attributeValues("href", in: run.text) { #expect(href.hasPrefix("#")) }
    }

    @Test func filtersAndFontFallbacksAreInline() throws {
        let run = try ReportRun.render(["Samples"], ext: "html", name: "filters")
        for severity in ["error", "warning", "info"] {
            #expect(run.text.contains("<input type=\"checkbox\" class=\"toggle\" id=\"show-\(severity)\" checked>"))
            #expect(run.text.contains("#show-\(severity):not(:checked) ~ main .sev-\(severity) { display: none; }"))
        }
        #expect(run.text.contains("\"Noto Sans CJK SC\""))
        #expect(run.text.contains("\"Microsoft YaHei\""))
        #expect(run.text.contains("<svg viewBox="))
    }

    static func attributeValues(_ name: String, in page: String) -> [String] {
        var values: [String] = []
        var rest = page[...]
        let marker = " \(name)=\""
        while let start = rest.range(of: marker) {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            values.append(String(rest[..<end]))
            rest = rest[end...]
        }
        return values
    }
}
