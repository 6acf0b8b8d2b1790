import Foundation

/// The real `turnout serve` in its own process, so tests can stop it the way operators and
/// crashes do.
struct ServedTurnout {
    let process: Process
    let port: Int
    let adminPort: Int

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var adminURL: String { "http://127.0.0.1:\(adminPort)" }

    /// Starts `turnout serve --config FILE` and waits for its listening line.
    static func start(config: URL) throws -> ServedTurnout {
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["serve", "--config", config.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        var log = ""
        while !log.contains("data plane http") {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }  // the process ended
            log += String(decoding: chunk, as: UTF8.self)
        }
        // Keep draining the log so the gateway never blocks on a full pipe.
        errors.fileHandleForReading.readabilityHandler = { handle in _ = handle.availableData }
        guard let port = log.firstMatch(of: /data plane http:\/\/127\.0\.0\.1:(\d+)/).flatMap({ Int($0.1) }),
            let adminPort = log.firstMatch(of: /admin http:\/\/127\.0\.0\.1:(\d+)/).flatMap({ Int($0.1) })
        else {
            if process.isRunning { process.terminate() }
            throw ServeFailure(log: log)
        }
        return ServedTurnout(process: process, port: port, adminPort: adminPort)
    }

    /// Kills the process with SIGKILL: no shutdown code runs.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Stops the process with SIGTERM and returns its exit status.
    func terminate() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    struct ServeFailure: Error, CustomStringConvertible {
        let log: String
        var description: String { "turnout serve did not start:\n\(log)" }
    }
}
