import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file in 1 MiB chunks and hands out UTF-8 bytes: as they are for UTF-8 files, through
/// iconv for the others (UTF-16, windows-1251, GB18030). A sequence cut by a chunk boundary is
/// carried over to the next chunk, so memory stays at a few chunks whatever the file's size.
final class CSVByteSource {
    static let chunkSize = 1 << 20

    enum Failure: Error {
        case unreadable(String)
        /// Bytes that are not valid in the encoding; `offset` is the byte offset in the file.
        case invalid(offset: Int)
    }

    private let handle: FileHandle
    private var converter: IconvConverter?
    private var skip: Int
    private var pending: [UInt8] = []
    private var consumed = 0
    private var finished = false

    /// `encoding` is an iconv name, or `nil` for UTF-8; `skip` is the length of a BOM to drop.
    init(path: String, encoding: String?, skip: Int) throws(Failure) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable("cannot open the file") }
        self.handle = handle
        self.skip = skip
        if let encoding {
            guard let converter = IconvConverter(from: encoding) else {
                try? handle.close()
                throw .unreadable("iconv cannot convert from \(encoding)")
            }
            self.converter = converter
        }
    }

    deinit { try? handle.close() }

    /// Replaces `chunk` with the next chunk of UTF-8 bytes; false at the end of the file.
    ///
    /// A UTF-8 file is read straight into `chunk`'s storage (kept from one chunk to the next), so
    /// a chunk costs one copy from the kernel, no allocation and no fresh pages.
    func next(into chunk: inout [UInt8]) throws(Failure) -> Bool {
        guard converter == nil else {
            guard let bytes = try next() else { return false }
            chunk = bytes
            return true
        }
        while !finished {
            let count = try readDirect(into: &chunk)
            guard count > 0 else {
                finished = true
                return false
            }
            if skip > 0 {
                let dropped = min(skip, chunk.count)
                chunk.removeFirst(dropped)
                skip -= dropped
                consumed += dropped
            }
            if chunk.isEmpty { continue }
            consumed += chunk.count
            return true
        }
        return false
    }

    /// Reads up to a chunk from the file into `chunk` (its storage reused); 0 at the end of the
    /// file. On an error, the read is made again through `FileHandle` for its error message.
    private func readDirect(into chunk: inout [UInt8]) throws(Failure) -> Int {
        let size = CSVByteSource.chunkSize
        if chunk.count != size {
            if chunk.capacity < size {
                chunk = [UInt8](repeating: 0, count: size)
            } else if chunk.count < size {
                chunk.append(contentsOf: repeatElement(0, count: size - chunk.count))
            } else {
                chunk.removeLast(chunk.count - size)
            }
        }
        let descriptor = handle.fileDescriptor
        var filled = 0
        let ok = chunk.withUnsafeMutableBufferPointer { buffer -> Bool in
            while filled < size {
                let count = read(descriptor, buffer.baseAddress! + filled, size - filled)
                if count > 0 { filled += count; continue }
                if count == 0 { return true }
                if errno == EINTR { continue }
                return false
            }
            return true
        }
        if !ok {
            do {
                let data = try handle.read(upToCount: size - filled) ?? Data()
                chunk.withUnsafeMutableBufferPointer { buffer in
                    _ = data.copyBytes(to: UnsafeMutableBufferPointer(rebasing: buffer[filled...]))
                }
                filled += data.count
            } catch {
                throw .unreadable(error.localizedDescription)
            }
        }
        chunk.removeLast(size - filled)
        return filled
    }

    /// The next chunk of UTF-8 bytes, or `nil` at the end of the file.
    func next() throws(Failure) -> [UInt8]? {
        while !finished {
            let data: Data?
            do { data = try handle.read(upToCount: CSVByteSource.chunkSize) } catch {
                throw .unreadable(error.localizedDescription)
            }
            guard let data, !data.isEmpty else {
                finished = true
                if !pending.isEmpty { throw .invalid(offset: consumed) }
                return nil
            }
            var bytes = pending + [UInt8](data)
            pending = []
            if skip > 0 {
                let dropped = min(skip, bytes.count)
                bytes.removeFirst(dropped)
                skip -= dropped
                consumed += dropped
            }
            if bytes.isEmpty { continue }
            guard let converter else {
                consumed += bytes.count
                return bytes
            }
            let start = consumed
            switch converter.convert(bytes) {
            case let .success(output, used):
                consumed += used
                pending = Array(bytes[used...])
                if !output.isEmpty { return output }
            case let .failure(at):
                throw .invalid(offset: start + at)
            }
        }
        return nil
    }
}

/// One iconv conversion descriptor into UTF-8, closed in `deinit`.
final class IconvConverter {
    private let descriptor: iconv_t

    enum Outcome {
        /// The converted bytes and how many input bytes were used (the rest is an incomplete sequence).
        case success([UInt8], used: Int)
        /// An invalid sequence at this input offset.
        case failure(at: Int)
    }

    init?(from encoding: String) {
        let descriptor = iconv_open("UTF-8", encoding)
        guard let descriptor, Int(bitPattern: descriptor) != -1 else { return nil }
        self.descriptor = descriptor
    }

    deinit { iconv_close(descriptor) }

    func convert(_ input: [UInt8]) -> Outcome {
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        var input = input
        let inputCount = input.count
        return input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inputCount
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                let used = inputCount - inLeft
                let produced = outBuffer.count - outLeft
                if result == -1 && errno == EILSEQ { return .failure(at: used) }
                return .success(Array(outBuffer[0..<produced]), used: used)
            }
        }
    }

    /// Converts a whole small buffer (a sniffing prefix); `nil` when it holds an invalid sequence.
    static func decode(_ bytes: ArraySlice<UInt8>, from encoding: String) -> String? {
        guard let converter = IconvConverter(from: encoding) else { return nil }
        switch converter.convert(Array(bytes)) {
        case let .success(output, _): return String(decoding: output, as: UTF8.self)
        case .failure: return nil
        }
    }
}
