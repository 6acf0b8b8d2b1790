import NIOCore
import NIOHTTP1
import NIOPosix
import TurnoutCore

/// Keep-alive connections from one event loop to one upstream instance.
///
/// Connections are reused most-recently-released first, which keeps few of them warm. When the
/// limit is reached, requests wait in line for a released connection.
final class UpstreamPool {
    let instance: UpstreamInstance
    let config: UpstreamConfig
    /// When a connection may be reused, shared with the shadow mirror.
    let policy: UpstreamPoolPolicy
    unowned let loop: LoopContext
    /// Requests holding or waiting for a connection from this pool.
    private(set) var outstanding = 0
    private var idle: [UpstreamConnection] = []
    private var openConnections = 0
    private var waiters = CircularBuffer<any UpstreamExchange>()
    /// A retired pool keeps no idle connections: its instance left the routing table.
    private var retired = false

    init(instance: UpstreamInstance, config: UpstreamConfig, loop: LoopContext) {
        self.instance = instance
        self.config = config
        self.policy = UpstreamPoolPolicy(config)
        self.loop = loop
    }

    enum Acquisition {
        /// A pooled connection, ready now.
        case ready(UpstreamConnection)
        /// The handler is told through ``UpstreamExchange/upstreamAcquired(_:)`` or
        /// ``UpstreamExchange/upstreamUnavailable(_:)``.
        case pending
    }

    /// Asks for a connection on behalf of `handler`; `fresh` skips the idle ones.
    func acquire(for handler: any UpstreamExchange, fresh: Bool = false) -> Acquisition {
        outstanding += 1
        if fresh && openConnections < config.maxConnectionsPerLoop {
            connect(for: handler)
            return .pending
        }
        let now = loop.now
        while let connection = idle.popLast() {
            guard connection.isActive else { continue }
            if policy.mayReuse(idleSince: connection.idleSince, at: now) { return .ready(connection) }
            connection.close()
        }
        if openConnections < config.maxConnectionsPerLoop {
            connect(for: handler)
        } else {
            waiters.append(handler)
        }
        return .pending
    }

    /// Gives a connection back after its exchange; it is kept only if it can carry another one.
    func release(_ connection: UpstreamConnection, reusable: Bool) {
        outstanding -= 1
        if reusable {
            reinsert(connection)
        } else {
            connection.close()
        }
    }

    /// The handler no longer wants the connection it asked for (client gone or timed out).
    func cancel(_ handler: any UpstreamExchange) {
        outstanding -= 1
        removeWaiter(handler)
    }

    private func removeWaiter(_ handler: any UpstreamExchange) {
        if let index = waiters.firstIndex(where: { $0 === handler }) {
            waiters.remove(at: index)
        }
    }

    /// A failed connect frees its slot: once the instance is ejected, waiters are told at once so
    /// they can try another instance; otherwise the next waiter gets a connection attempt.
    private func serveWaitersAfterFailure(instanceEjected: Bool) {
        if instanceEjected {
            while let waiter = waiters.popFirst() { waiter.upstreamUnavailable(.connectFailed) }
        } else if let waiter = waiters.popFirst() {
            connect(for: waiter)
        }
    }

    /// Called by a connection when its channel closes, whatever the reason.
    func connectionClosed(_ connection: UpstreamConnection) {
        openConnections -= 1
        if let index = idle.firstIndex(where: { $0 === connection }) {
            idle.remove(at: index)
        }
        if let waiter = waiters.popFirst() {
            connect(for: waiter)
        }
    }

    /// Closes the idle connections and keeps no more; waiting exchanges still get connections.
    func retire() {
        retired = true
        while let connection = idle.popLast() { connection.close() }
    }

    /// Takes back a connection that nobody is waiting for any more, without touching ``outstanding``.
    func reinsert(_ connection: UpstreamConnection) {
        guard connection.isActive, !retired else {
            connection.close()
            return
        }
        if let waiter = waiters.popFirst() {
            waiter.upstreamAcquired(connection)
        } else {
            connection.idleSince = loop.now
            idle.append(connection)
        }
    }

    private func connect(for handler: any UpstreamExchange) {
        openConnections += 1
        let boundPool = NIOLoopBound(self, eventLoop: loop.eventLoop)
        let bootstrap = ClientBootstrap(group: loop.eventLoop)
            .connectTimeout(policy.connectTimeout)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    // Every header the data plane writes, either way, was parsed by NIO's HTTP parser,
                    // which refuses control characters in names and values, or was built by the gateway
                    // from checked parts (request ids, version names, addresses, feedback tokens). NIO's
                    // validators checked every header again and were about 5% of the CPU per request.
                    try channel.pipeline.syncOperations.addHTTPClientHandlers(enableOutboundHeaderValidation: false)
                    try channel.pipeline.syncOperations.addHandler(UpstreamConnection(pool: boundPool.value))
                }
            }
        let connected: EventLoopFuture<any Channel>
        if let address = instance.socketAddress {
            connected = bootstrap.connect(to: address)
        } else {
            connected = bootstrap.connect(host: instance.url.host, port: instance.url.port)
        }
        connected.assumeIsolated().whenComplete { result in
            self.connectFinished(result, for: handler)
        }
    }

    private func connectFinished(_ result: Result<any Channel, any Error>, for handler: any UpstreamExchange) {
        switch result {
        case .success(let channel):
            instance.recordConnectSuccess()
            guard let connection = try? channel.pipeline.syncOperations.handler(type: UpstreamConnection.self) else {
                channel.close(promise: nil)
                handler.upstreamUnavailable(.connectFailed)
                return
            }
            if handler.isWaiting(on: self) {
                removeWaiter(handler)
                handler.upstreamAcquired(connection)
            } else {
                reinsert(connection)
            }
        case .failure:
            openConnections -= 1
            let ejected = instance.recordConnectFailure(at: loop.now)
            if ejected { loop.metrics.instanceEjected(instance) }
            if handler.isWaiting(on: self) {
                handler.upstreamUnavailable(.connectFailed)
            }
            serveWaitersAfterFailure(instanceEjected: ejected)
        }
    }
}
