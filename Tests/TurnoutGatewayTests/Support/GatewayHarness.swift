import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import TurnoutCore
import TurnoutGateway

/// Runs a real gateway on free ports for the duration of a test, with its store in a fresh
/// SQLite file unless the configuration names a store.
struct GatewayHarness {
    let gateway: Gateway
    let port: Int
    let adminPort: Int
    /// The SQLite file the harness made, when the configuration named no store.
    let storePath: String?

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var adminURL: String { "http://127.0.0.1:\(adminPort)" }
    /// The clock the release controllers go by; a test advances it instead of waiting.
    let clock: TestClock

    static func run<T: Sendable>(
        _ yaml: String,
        environment: [String: String] = [:],
        watchInterval: Duration = .seconds(1),
        logger: Logger? = nil,
        configure: (inout TurnoutConfig) -> Void = { _ in },
        clock: TestClock = TestClock(),
        _ body: (GatewayHarness) async throws -> T
    ) async throws -> T {
        var prefix = "listen: 127.0.0.1:0\n"
        // A configuration with its own admin mapping sets the admin port itself (to 0).
        if !yaml.split(separator: "\n").contains(where: { $0.hasPrefix("admin:") }) { prefix += "admin: { listen: 127.0.0.1:0 }\n" }
        var storeDirectory: URL?
        if !yaml.split(separator: "\n").contains(where: { $0.hasPrefix("store:") }) {
            let directory = try TemporaryDirectory.make("test")
            storeDirectory = directory
            prefix += "store: sqlite:\(directory.path)/turnout.db\n"
        }
        defer { if let storeDirectory { try? FileManager.default.removeItem(at: storeDirectory) } }
        var config = try TurnoutConfig.parse(yaml: prefix + yaml)
        configure(&config)
        let logger = logger ?? {
            var quiet = Logger(label: "turnout-test")
            quiet.logLevel = .warning
            return quiet
        }()
        let gateway = try await Gateway(config: config, logger: logger, environment: environment, watchInterval: watchInterval, clock: { clock.now })
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await gateway.run() }
            let harness = GatewayHarness(
                gateway: gateway, port: try await gateway.dataPlanePort, adminPort: try await gateway.adminPort,
                storePath: storeDirectory.map { $0.path + "/turnout.db" }, clock: clock
            )
            let result: Result<T, any Error>
            do {
                result = .success(try await body(harness))
            } catch {
                result = .failure(error)
            }
            await gateway.shutdown()
            try await group.waitForAll()
            return try result.get()
        }
    }
}

/// A received answer, fully read.
struct Answer {
    let status: Int
    let headers: HTTPHeaders
    let body: ByteBuffer

    var text: String { String(buffer: body) }
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }
    var version: String? { headers.first(name: "x-turnout-version") }
}

extension HTTPClient {
    func send(
        _ method: HTTPMethod = .POST,
        _ url: String,
        headers: [(String, String)] = [],
        body: ByteBuffer? = nil,
        timeout: TimeAmount = .seconds(30)
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(body) }
        let response = try await execute(request, timeout: timeout)
        let received = try await response.body.collect(upTo: 64 << 20)
        return Answer(status: Int(response.status.code), headers: response.headers, body: received)
    }
}
