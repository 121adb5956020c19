import ArgumentParser
import CustomsPipeline
import CustomsStore

/// `--db FILE`: the SQLite store to read and add to.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "SQLite store: what is read is added to it, and declarations are matched against everything stored before.",
        valueName: "FILE"))
    var db: String?

    /// The opened store; an unusable database is exit 2 with a clear message.
    func open() throws -> DeclarationStore? {
        guard let db else { return nil }
        do {
            return try DeclarationStore(path: db)
        } catch {
            throw PipelineError(error.description)
        }
    }
}
