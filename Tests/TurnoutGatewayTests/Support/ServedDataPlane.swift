import Logging
import NIOCore
import NIOPosix
import TurnoutCore
@testable import TurnoutGateway

/// The data-plane listener alone on a free loopback port, serving a snapshot the test built and
/// may replace (as the gateway does when instances become ready) through ``shared``.
struct ServedDataPlane {
    let shared: DataPlaneShared
    let port: Int

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Publishes `snapshot` to every connection, as ``SnapshotPublisher`` does.
    func publish(_ snapshot: GatewaySnapshot) {
        shared.snapshot.store(snapshot, ordering: .releasing)
    }

    static func run<T: Sendable>(_ snapshot: GatewaySnapshot, _ body: (ServedDataPlane) async throws -> T) async throws -> T {
        var logger = Logger(label: "turnout-test")
        logger.logLevel = .warning
        let shared = DataPlaneShared(snapshot: snapshot, metrics: GatewayMetrics(), flags: nil, ofrepToken: nil, writer: nil, serverVersion: "test")
        let group = MultiThreadedEventLoopGroup.singleton
        let bound = group.next().makePromise(of: Int.self)
        let server = DataPlaneServer(
            address: ListenAddress(host: "127.0.0.1", port: 0), shared: shared, group: group, tls: nil, grace: .seconds(2), logger: logger, boundPort: bound)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await server.run() }
            let result: Result<T, any Error>
            do {
                result = .success(try await body(ServedDataPlane(shared: shared, port: try await bound.futureResult.get())))
            } catch {
                result = .failure(error)
            }
            // Cancelling the server starts its graceful stop.
            tasks.cancelAll()
            try await tasks.waitForAll()
            return try result.get()
        }
    }
}
