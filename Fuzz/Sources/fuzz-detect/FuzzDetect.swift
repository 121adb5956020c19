import FuzzSupport

/// Format detection: content kind, XML prologue, encoding checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzHarness.detect(bytes)
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver with the test above.
@_cdecl("fuzz_detect_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    return FuzzDriver.run(argc, argv) { data, size in fuzzTest(data, size) }
}
