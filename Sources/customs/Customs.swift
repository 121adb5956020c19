import ArgumentParser
import CustomsPipeline
import Foundation

/// `customs`: the customs declaration pipeline of the China–Kazakhstan corridor.
@main
struct Customs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customs",
        abstract: "Parse, harmonize and validate customs declarations of the China–Kazakhstan corridor.",
        discussion: """
            Exit status: 0 nothing at error severity (with --strict: nothing at warning either); \
            1 at least one such finding; 2 the command could not do its job.
            """,
        subcommands: [
            ValidateCommand.self, HarmonizeCommand.self, TimingCommand.self, ReconcileCommand.self, ReportCommand.self,
            RulesCommand.self, WatchCommand.self,
        ]
    )

    /// Runs the command and maps outcomes to the exit statuses of `SPEC.md`: a usage error or a
    /// command that cannot do its job is 2 (argument-parser's own usage code is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as PipelineError {
            FileHandle.standardError.write(Data("customs: \(error.description)\n".utf8))
            Foundation.exit(2)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let status = exitCode(for: error)
            if status == .success {
                exit(withError: error)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
