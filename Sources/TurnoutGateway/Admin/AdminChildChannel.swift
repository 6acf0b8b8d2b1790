import HummingbirdCore
import Logging
import NIOCore
import TurnoutCore

/// The admin listener's connections: Hummingbird's HTTP/1 channel behind the admin limits,
/// so the admin API keeps connections of its own when the data plane is full.
struct AdminChildChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let http: HTTP1Channel
    let limits: ListenerLimits
    let connections: ConnectionCounter

    /// An HTTP/1 channel for `responder` with the parser bounds and client timeouts of `limits`.
    init(responder: @escaping HTTPChannelHandler.Responder, limits: ListenerLimits, connections: ConnectionCounter) {
        let parser = HTTP1Channel.Configuration.DecoderConfiguration(
            maxHeaderFieldSize: limits.maxHeaderBytes,
            maxHeaderListSize: limits.maxHeaderBytes,
            maxHeaderFieldCount: limits.maxHeaderCount
        )
        let configuration = HTTP1Channel.Configuration(
            additionalChannelHandlers: [AdminClientTimeoutHandler(limits: limits)],
            httpDecoderConfiguration: parser
        )
        self.http = HTTP1Channel(responder: responder, configuration: configuration)
        self.limits = limits
        self.connections = connections
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        if connections.admit(limit: limits.maxConnections) {
            let connections = self.connections
            channel.closeFuture.whenComplete { _ in connections.release() }
        } else {
            do {
                try channel.pipeline.syncOperations.addHandler(RefuseConnectionHandler())
            } catch {
                return channel.eventLoop.makeFailedFuture(error)
            }
        }
        return http.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await http.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// The admin listener's HTTP/1 server, bounded by `limits`, behind TLS from `tls` when it is set.
    static func admin(limits: ListenerLimits, connections: ConnectionCounter, tls: TLSContextSource?) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            let http = AdminChildChannel(responder: responder, limits: limits, connections: connections)
            guard let tls else { return http }
            return ReloadingTLSChannel(base: http, source: tls)
        }
    }
}
