import Foundation
import TurnoutCore

/// Reading a configuration file for the command line, with errors a person can act on.
enum ConfigFile {
    /// The quickstart configuration served when `serve` gets no `--config`.
    static let quickstartPath = "examples/quickstart.yaml"

    static func load(_ path: String) throws -> TurnoutConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CommandFailure("cannot read \(path): \(error.localizedDescription)")
        }
        do {
            return try TurnoutConfig.parse(yaml: text)
        } catch {
            throw CommandFailure("\(path) is not a valid configuration:\n\(error.description)")
        }
    }
}

/// A failure that ends a command with a message and exit code 1, without a stack trace.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
