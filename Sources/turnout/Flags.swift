import ArgumentParser
import Foundation
import TurnoutFlags
import TurnoutGateway

/// `turnout flags`: check and evaluate flag files in flagd's format.
struct Flags: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check and evaluate feature-flag files in flagd's format.",
        subcommands: [Validate.self, Eval.self]
    )

    /// `turnout flags validate FILE`.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a flag file: prints ok, or one line per problem (exit 1).",
            discussion: "Stricter than serving: a gateway serves the flags without problems and answers PARSE_ERROR for the others."
        )

        @Argument(help: ArgumentHelp("The flag definition file.", valueName: "FILE"))
        var file: String

        func run() throws {
            let problems = FlagsCommand.validate(try Flags.read(file))
            guard problems.isEmpty else {
                print(problems.map(\.description).joined(separator: "\n"))
                throw ExitCode(1)
            }
            print("ok")
        }
    }

    /// `turnout flags eval --flags FILE --flag KEY --context JSON`.
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate one flag for a context and print value, variant, reason and error code as JSON.",
            discussion: "Shows why a given user gets a given variant (and so a given model version)."
        )

        @Option(help: ArgumentHelp("The flag definition file.", valueName: "FILE"))
        var flags: String

        @Option(help: "The flag key.")
        var flag: String

        @Option(help: ArgumentHelp(#"The evaluation context, such as {"targetingKey": "user-1", "country": "NL"}."#, valueName: "JSON"))
        var context: String?

        @Option(help: ArgumentHelp("How fractional hashes: v2 (flagd's current release) or v3 (CBOR, flagd-core 2.x).", valueName: "v2|v3"))
        var fractional: FractionalHashing = .v2

        func run() throws {
            switch FlagsCommand.evaluate(flags: try Flags.read(flags), flagKey: flag, context: context, fractionalHashing: fractional) {
            case .success(let resolution):
                print(resolution.json.serialized())
            case .failure(let error):
                throw CommandFailure(error.description)
            }
        }
    }

    static func read(_ path: String) throws -> Data {
        do {
            return try DocumentFile.read(path)
        } catch {
            throw CommandFailure(error.description)
        }
    }
}

extension FractionalHashing: ExpressibleByArgument {}
