import Foundation
import TurnoutCore
import TurnoutGateway

/// Reading a configuration file for the command line, with errors a person can act on.
enum ConfigFile {
    /// The quickstart configuration served when `serve` gets no `--config`.
    static let quickstartPath = "examples/quickstart.yaml"

    /// Reads and validates `path`; model files named in it are found relative to its directory.
    static func load(_ path: String) throws -> TurnoutConfig {
        do {
            return try ConfigFileLoader.load(path)
        } catch {
            throw CommandFailure(error.description)
        }
    }

    /// The quickstart file, with a clear error when `serve` runs outside the repository.
    static func quickstart() throws -> TurnoutConfig {
        guard FileManager.default.fileExists(atPath: quickstartPath) else {
            throw CommandFailure("no --config given and \(quickstartPath) is not in the working directory; run from the repository root or pass --config FILE")
        }
        return try load(quickstartPath)
    }
}

/// A failure that ends a command with a message and exit code 1, without a stack trace.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
