// swift-tools-version:6.1
import PackageDescription

/// Strict settings for every target of the package, in one place.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "customs",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "customs", targets: ["customs"]),
        .library(name: "CustomsPipeline", targets: ["CustomsPipeline"]),
        .library(name: "CustomsReports", targets: ["CustomsReports"]),
        // The reading stages alone, for the libFuzzer targets in Fuzz/.
        .library(name: "CustomsFormats", targets: ["CustomsFormats"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.0.0"),
    ],
    targets: [
        // The only door to libxml2: a module map and a shim header.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The shared cross-border declaration, findings, code lists. Foundation only.
        .target(name: "CustomsCore"),
        // libxml2 documents, secure options, streaming reader, XSD schema sets.
        .target(name: "CustomsXML", dependencies: ["CLibXML2", "CustomsCore"]),
        // One adapter per source format, and the registry that detects them.
        .target(name: "CustomsFormats", dependencies: ["CustomsCore", "CustomsXML"]),
        // Clearance timing: milestones, intervals, working-day calendars, statistics per group.
        .target(name: "CustomsTiming", dependencies: ["CustomsCore"]),
        // Code-list and consistency rules over one shared declaration, and their configuration.
        .target(name: "CustomsRules", dependencies: ["CustomsCore"]),
        // Export ↔ import/transit matching and the mirror checks.
        .target(name: "CustomsReconcile", dependencies: ["CustomsCore"]),
        // The persistent store: SQLite through GRDB.
        .target(
            name: "CustomsStore",
            dependencies: [
                "CustomsCore", "CustomsXML", "CustomsFormats",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Discrepancy reports: the report model and its HTML, CSV, JSON and Markdown renderers.
        .target(name: "CustomsReports", dependencies: ["CustomsCore", "CustomsReconcile", "CustomsTiming"]),
        // Wires the stages: files → formats → declarations → findings → output.
        .target(
            name: "CustomsPipeline",
            dependencies: [
                "CustomsCore", "CustomsXML", "CustomsFormats", "CustomsRules", "CustomsTiming", "CustomsReconcile", "CustomsStore",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The inbox daemon: inotify, the claim protocol, reports and the final move.
        .target(
            name: "CustomsInbox",
            dependencies: [
                "CustomsCore", "CustomsPipeline", "CustomsReconcile", "CustomsStore",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "customs",
            dependencies: [
                "CustomsPipeline",
                "CustomsReconcile",
                "CustomsReports",
                "CustomsStore",
                "CustomsRules",
                "CustomsInbox",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The CSV stage alone, streaming, for Benchmarks/csv/run.sh; not part of the product.
        .executableTarget(name: "csv-bench", dependencies: ["CustomsFormats"], path: "Benchmarks/csv/Sources/csv-bench"),
        // Paths to the corpus and samples, and a runner for the built binary; tests only.
        .target(name: "CustomsTestSupport", path: "Tests/CustomsTestSupport"),
        .testTarget(name: "CustomsCoreTests", dependencies: ["CustomsCore", "CustomsTestSupport"]),
        .testTarget(name: "CustomsXMLTests", dependencies: ["CustomsXML", "CustomsCore", "CustomsTestSupport"]),
        .testTarget(name: "CustomsStoreTests", dependencies: ["CustomsStore", "CustomsPipeline", "CustomsTestSupport"]),
        .testTarget(name: "CustomsReconcileTests", dependencies: ["CustomsReconcile", "CustomsPipeline", "CustomsTestSupport"]),
        .testTarget(name: "CustomsFormatsTests", dependencies: ["CustomsFormats", "CustomsPipeline", "CustomsTestSupport"]),
        .testTarget(name: "CustomsTimingTests", dependencies: ["CustomsTiming", "CustomsPipeline", "CustomsTestSupport", "customs"]),
        .testTarget(
            name: "CustomsRulesTests", dependencies: ["CustomsRules", "CustomsCore", "CustomsPipeline", "CustomsTestSupport"]),
        .testTarget(
            name: "CustomsReportsTests", dependencies: ["CustomsReports", "CustomsXML", "CustomsTestSupport", "customs"]),
        .testTarget(
            name: "CustomsPipelineTests", dependencies: ["CustomsPipeline", "CustomsTestSupport", "customs"]),
        .testTarget(
            name: "CustomsHostileTests",
            dependencies: ["CustomsPipeline", "CustomsCore", "CustomsXML", "CustomsFormats", "CustomsTestSupport", "customs"]),
        .testTarget(
            name: "CustomsInboxTests", dependencies: ["CustomsStore", "CustomsTestSupport", "customs"]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}
