import FuzzSupport
import Foundation

/// The CSV reader through a file in shared memory (it streams from a path).
nonisolated(unsafe) let path: String = {
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return "\(folder)/customs-fuzz-csv-\(getpid()).csv"
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzHarness.csv(bytes, path: path)
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver with the test above.
@_cdecl("fuzz_csv_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    _ = path
    return FuzzDriver.run(argc, argv) { data, size in fuzzTest(data, size) }
}
