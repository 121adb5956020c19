import CustomsFormats
import FuzzSupport
import Foundation

/// One XML adapter, forced whatever the root element: `FUZZ_ADAPTER` names its format
/// (`cbd-xml`, `cn-dec`, `cn-ceb`, `eaeu-esad`, `eu-ncts`, `wco-dms`); default `cbd-xml`.
nonisolated(unsafe) let adapter: any XMLFormatAdapter = {
    let wanted = ProcessInfo.processInfo.environment["FUZZ_ADAPTER"] ?? "cbd-xml"
    guard let found = FormatRegistry.standard.xmlAdapters.first(where: { $0.format == wanted }) else {
        fatalError("FUZZ_ADAPTER=\(wanted): no such adapter")
    }
    return found
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzHarness.xml(bytes, forced: adapter)
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver with the test above.
@_cdecl("fuzz_adapter_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    _ = adapter
    return FuzzDriver.run(argc, argv) { data, size in fuzzTest(data, size) }
}
