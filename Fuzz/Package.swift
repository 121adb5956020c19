// swift-tools-version:6.1
import Foundation
import PackageDescription

// libFuzzer targets over the main package, kept out of its `swift build` and `swift test`.
// Build and run with Scripts/fuzz.sh TARGET SECONDS, which passes
// `-Xswiftc -sanitize=fuzzer,address`. A path dependency is named after its folder.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

/// libFuzzer provides `main`: the targets are libraries of top-level declarations.
let fuzzSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "customs-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "CustomsFormats", package: mainPackage),
            ]),
        .executableTarget(name: "fuzz-detect", dependencies: ["FuzzSupport"], swiftSettings: fuzzSettings),
        .executableTarget(name: "fuzz-xml", dependencies: ["FuzzSupport"], swiftSettings: fuzzSettings),
        .executableTarget(name: "fuzz-adapter", dependencies: ["FuzzSupport"], swiftSettings: fuzzSettings),
        .executableTarget(name: "fuzz-csv", dependencies: ["FuzzSupport"], swiftSettings: fuzzSettings),
    ],
    swiftLanguageModes: [.v6]
)
