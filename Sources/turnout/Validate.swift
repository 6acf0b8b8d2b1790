import ArgumentParser
import Foundation
import TurnoutCore
import TurnoutGateway

/// `turnout validate`: checks a configuration and lists every problem.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a configuration file.",
        discussion: "Prints `ok` and exits 0 when the file is valid; otherwise prints one line per problem, as `key.path: what was expected`, and exits 1."
    )

    @Option(name: .long, help: ArgumentHelp("The YAML configuration to check.", valueName: "FILE"))
    var config: String

    func run() throws {
        let text: String
        do {
            text = try DocumentFile.text(config)
        } catch {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitCode(2)
        }
        do {
            _ = try TurnoutConfig.parse(yaml: text)
            print("ok")
        } catch {
            print(error.description)
            throw ExitCode(1)
        }
    }
}
