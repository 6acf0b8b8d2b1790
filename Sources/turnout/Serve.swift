import ArgumentParser
import Foundation
import Logging
import TurnoutCore
import TurnoutGateway

/// `turnout serve`: runs the gateway.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the gateway.",
        discussion: """
            With no --config, serves the quickstart (\(ConfigFile.quickstartPath)). The flags override \
            the file's listen addresses and store. Edits to the file's models and releases are applied \
            while running (checked every second; an invalid edit is logged and ignored). SIGTERM or \
            Ctrl-C stops accepting connections and lets in-flight requests finish within the \
            configured shutdown_grace.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The YAML configuration.", valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Data-plane address, overriding the file's listen.", valueName: "HOST:PORT"))
    var listen: String?

    @Option(name: .long, help: ArgumentHelp("Admin address, overriding the file's admin.listen.", valueName: "HOST:PORT"))
    var admin: String?

    @Option(name: .long, help: ArgumentHelp("Store URL (sqlite:PATH or postgres://...), overriding the file's store.", valueName: "URL"))
    var store: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            // One event, one line: text from requests and the store cannot forge log lines.
            var handler = SingleLineLogHandler(StreamLogHandler.standardError(label: label))
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "turnout")
        do {
            let file = self.config ?? ConfigFile.quickstartPath
            let gateway = try await Gateway(config: try resolvedConfig(), logger: logger, handleSignals: true, watching: file)
            try await gateway.run()
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("turnout: \(failure.description)\n".utf8))
            throw ExitCode(1)
        } catch let error as GatewayError {
            FileHandle.standardError.write(Data("turnout: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
        logger.info("turnout stopped")
    }

    private func resolvedConfig() throws -> TurnoutConfig {
        var config = try self.config.map(ConfigFile.load) ?? ConfigFile.quickstart()
        if let listen {
            guard let address = ListenAddress(parsing: listen) else { throw CommandFailure("--listen: expected HOST:PORT, got \"\(listen)\"") }
            config.listen = address
        }
        if let admin {
            guard let address = ListenAddress(parsing: admin) else { throw CommandFailure("--admin: expected HOST:PORT, got \"\(admin)\"") }
            config.admin.listen = address
        }
        if let store { config.store = store }
        return config
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
