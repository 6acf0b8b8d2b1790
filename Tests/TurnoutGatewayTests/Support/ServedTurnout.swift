import Foundation

/// The real `turnout serve` in its own process, so tests can stop it the way operators and
/// crashes do.
struct ServedTurnout: Sendable {
    let process: ChildProcess
    let port: Int
    let adminPort: Int

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var adminURL: String { "http://127.0.0.1:\(adminPort)" }

    /// Starts `turnout serve --config FILE` with `environment` added to the test's, and waits for
    /// its listening line, off the cooperative pool.
    static func start(config: URL, environment: [String: String] = [:]) async throws -> ServedTurnout {
        try await offThePool { try startBlocking(config: config, environment: environment) }
    }

    private static func startBlocking(config: URL, environment: [String: String]) throws -> ServedTurnout {
        let process = try ChildProcess(CommandLineTests.binary.path, ["serve", "--config", config.path], environment: environment, output: .inherit)
        let errors = process.errors!
        var log = ""
        while !log.contains("data plane http") {
            let chunk = errors.availableData
            if chunk.isEmpty { break }  // the process ended
            log += String(decoding: chunk, as: UTF8.self)
        }
        // Keep draining the log so the gateway never blocks on a full pipe.
        errors.readabilityHandler = { handle in _ = handle.availableData }
        guard let port = log.firstMatch(of: /data plane http:\/\/127\.0\.0\.1:(\d+)/).flatMap({ Int($0.1) }),
            let adminPort = log.firstMatch(of: /admin http:\/\/127\.0\.0\.1:(\d+)/).flatMap({ Int($0.1) })
        else {
            if process.isRunning { process.signal(SIGTERM) }
            throw ServeFailure(log: log)
        }
        return ServedTurnout(process: process, port: port, adminPort: adminPort)
    }

    /// Kills the process with SIGKILL (no shutdown code runs) and waits for it, off the cooperative pool.
    func kill() async {
        process.signal(SIGKILL)
        _ = await offThePool { process.waitForExit() }
    }

    /// Stops the process with SIGTERM and returns its exit status, waiting off the cooperative pool.
    func terminate() async -> Int32 {
        process.signal(SIGTERM)
        return await offThePool { process.waitForExit() }
    }

    struct ServeFailure: Error, CustomStringConvertible {
        let log: String
        var description: String { "turnout serve did not start:\n\(log)" }
    }
}
