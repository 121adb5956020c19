/// Why the store cannot be used: the command stops with exit status 2 and this message.
///
/// Messages name the file and the cause, never the stored data (declarations carry company and
/// personal data).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
