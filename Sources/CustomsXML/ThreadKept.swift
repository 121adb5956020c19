#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One idle object per thread, kept for that thread's next use: how a libxml2 parser kept
/// between documents (``ParserSession``, the root sniff's parser) stays with the thread that
/// used it.
///
/// A parser's buffers, dictionary and validation state come from the malloc arena of the
/// thread that allocated them. Kept in one pool shared by the batch's threads, a parser went
/// from one thread to the other, and each then freed memory of the other's arena, taking that
/// arena's lock while its owner allocated from it (thousands of futex calls on 10,000 small
/// files). An object left when its thread ends is released then. When the system has no
/// thread-specific key left to give, nothing is kept: every use makes its own parser.
final class ThreadKept<Object: AnyObject>: @unchecked Sendable {
    private var key = pthread_key_t()
    private let available: Bool

    init() {
        available = pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<AnyObject>.fromOpaque(pointer).release()
        } == 0
    }

    /// The object this thread kept, taken out (`nil` when it kept none).
    func take() -> Object? {
        guard available, let pointer = pthread_getspecific(key) else { return nil }
        pthread_setspecific(key, nil)
        return Unmanaged<Object>.fromOpaque(pointer).takeRetainedValue()
    }

    /// Keeps `object` for this thread's next ``take()``, in place of any it kept.
    func keep(_ object: Object) {
        guard available else { return }
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, Unmanaged.passRetained(object).toOpaque())
        if let previous { Unmanaged<Object>.fromOpaque(previous).release() }
    }
}
