internal import CLibXML2
import Foundation
import Synchronization

/// Process-wide libxml2 set-up: parser initialization and the deny-by-default external entity
/// loader. Every entry point of this module calls ``prepare()`` first.
///
/// The loader refuses every external resource — DTDs, entities, `file:` and network URLs —
/// except files inside the schema folders registered with ``allowSchemaDirectory(_:)``,
/// which XSD compilation needs for `xs:include` and `xs:import`.
public enum XMLLibrary {
    private static let allowedDirectories = Mutex<[String]>([])
    private static let setUp: Void = {
        xmlInitParser()
        defaultLoader.withLock { $0 = xmlGetExternalEntityLoader() }
        xmlSetExternalEntityLoader(guardedLoader)
    }()
    private static let defaultLoader = Mutex<xmlExternalEntityLoader?>(nil)

    /// The secure parser options used on every document: no network, big line numbers,
    /// compact nodes. Never `NOENT`, `DTDLOAD`, `DTDATTR`, `DTDVALID`, `XINCLUDE` or `HUGE`.
    static let secureOptions: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_COMPACT.rawValue)

    public static func prepare() {
        _ = setUp
        customs_xml_silence_generic_errors()
    }

    /// Lets the loader read files under `directory` (a schema folder).
    public static func allowSchemaDirectory(_ directory: String) {
        prepare()
        let resolved = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        allowedDirectories.withLock { if !$0.contains(resolved) { $0.append(resolved) } }
    }

    static func isAllowed(_ url: String) -> Bool {
        var path = url
        if path.hasPrefix("file://") {
            path = String(path.dropFirst("file://".count))
            if path.hasPrefix("localhost/") { path = String(path.dropFirst("localhost".count)) }
            path = path.removingPercentEncoding ?? path
        } else if path.contains("://") {
            return false
        }
        guard path.hasPrefix("/") else { return false }
        let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        return allowedDirectories.withLock { directories in
            directories.contains { resolved.hasPrefix($0 + "/") }
        }
    }

    private static let guardedLoader: xmlExternalEntityLoader = { url, id, context in
        guard let url, XMLLibrary.isAllowed(String(cString: url)) else {
            return nil
        }
        guard let loader = XMLLibrary.defaultLoader.withLock({ $0 }) else { return nil }
        return loader(url, id, context)
    }
}
