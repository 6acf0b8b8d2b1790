import Foundation
import TurnoutCore

/// Reads a configuration file: parse, validate, and make model-file paths relative to the file.
package enum ConfigFileLoader {
    /// The configuration in `path`, or an error whose text lists every problem.
    package static func load(_ path: String) throws(GatewayError) -> TurnoutConfig {
        let text = try DocumentFile.text(path)
        let config: TurnoutConfig
        do {
            config = try TurnoutConfig.parse(yaml: text)
        } catch {
            throw GatewayError("\(path) is not a valid configuration:\n\(error.description)")
        }
        return config.resolvingPaths(relativeTo: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }
}
