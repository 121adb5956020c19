import FuzzSupport

/// The XML stage with the adapter the registry recognizes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzHarness.xml(bytes)
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver with the test above.
@_cdecl("fuzz_xml_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    return FuzzDriver.run(argc, argv) { data, size in fuzzTest(data, size) }
}
