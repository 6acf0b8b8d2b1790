import NIOCore
import NIOHTTP1
import NIOPosix
import TurnoutCore

/// HTTP/1.1 calls to shadow upstreams from the mirror's own event loop, on keep-alive
/// connections pooled per instance, with SwiftNIO handlers like the data plane's: a call costs
/// no task and no hop between threads once it is on the loop.
///
/// Every method runs on ``loop``.
final class MirrorClient {
    let loop: any EventLoop
    private var idle: [String: [MirrorConnection]] = [:]

    init(loop: any EventLoop) {
        self.loop = loop
    }

    /// Sends `head` and `body` to `instance` and reads the whole answer, keeping at most
    /// `maxBody` bytes of it; the result arrives on the loop. `timeout` covers the whole call.
    /// `config` is the shadow version's upstream configuration: its `idle_timeout` and
    /// `timeouts.connect` apply here as they do on the data plane, so a shadow whose server
    /// closes idle connections sooner than the default gets the same protection as a primary.
    func execute(
        head: HTTPRequestHead, body: ByteBuffer, to instance: UpstreamInstance, config: UpstreamConfig, timeout: TimeAmount, maxBody: Int,
        _ done: @escaping (ShadowCallResult) -> Void
    ) {
        loop.preconditionInEventLoop()
        let call = MirrorConnection.Call(head: head, body: body, started: .now(), maxBody: maxBody, done: done)
        let key = instance.url.authority
        let policy = UpstreamPoolPolicy(config)
        let now = NIODeadline.now()
        while let connection = idle[key]?.popLast() {
            guard connection.isActive else { continue }
            guard policy.mayReuse(idleSince: connection.idleSince, at: now) else {
                connection.close()
                continue
            }
            start(call, on: connection, to: instance, key: key, policy: policy, timeout: timeout)
            return
        }
        connectAndStart(call, to: instance, key: key, policy: policy, timeout: timeout)
    }

    private func connectAndStart(
        _ call: MirrorConnection.Call, to instance: UpstreamInstance, key: String, policy: UpstreamPoolPolicy, timeout: TimeAmount
    ) {
        connect(to: instance, within: policy.connectTimeout(within: timeout)).assumeIsolated().whenComplete { result in
            switch result {
            case .success(let connection):
                self.start(call, on: connection, to: instance, key: key, policy: policy, timeout: timeout)
            case .failure(let error):
                call.done(.failed(reason: "cannot connect to \(key): \(error)"))
            }
        }
    }

    private func start(
        _ call: MirrorConnection.Call, on connection: MirrorConnection, to instance: UpstreamInstance, key: String,
        policy: UpstreamPoolPolicy, timeout: TimeAmount
    ) {
        // A pooled connection the shadow closed just as it was reused fails before any answer:
        // the connection decides with ``UpstreamPoolPolicy`` whether to send the call once more
        // on a new connection, as the data plane does.
        var call = call
        call.staleRetry = { [weak self] again in self?.connectAndStart(again, to: instance, key: key, policy: policy, timeout: timeout) }
        connection.start(call, timeout: timeout) { [weak self] reusable in self?.finished(connection, key: key, reusable: reusable) }
    }

    private func finished(_ connection: MirrorConnection, key: String, reusable: Bool) {
        guard reusable && connection.isActive else { return connection.close() }
        connection.idleSince = .now()
        // Connections the shadow closed while they waited are dropped here, not kept under the others.
        idle[key, default: []].removeAll { !$0.isActive }
        idle[key, default: []].append(connection)
    }

    private func connect(to instance: UpstreamInstance, within timeout: TimeAmount) -> EventLoopFuture<MirrorConnection> {
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(timeout)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(MirrorConnection())
                }
            }
        let connected = instance.socketAddress.map { bootstrap.connect(to: $0) }
            ?? bootstrap.connect(host: instance.url.host, port: instance.url.port)
        return connected.flatMapThrowing { channel in
            try channel.pipeline.syncOperations.handler(type: MirrorConnection.self)
        }
    }

    /// Closes every pooled connection.
    func closeAll() {
        for connection in idle.values.joined() { connection.close() }
        idle.removeAll()
    }
}
