import Logging
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import TurnoutCore

/// The data-plane listener as a service: binds, serves on SwiftNIO channel handlers, and on
/// graceful shutdown stops accepting, lets in-flight requests finish within the grace period,
/// then returns.
struct DataPlaneServer: Service {
    let address: ListenAddress
    let shared: DataPlaneShared
    let group: MultiThreadedEventLoopGroup
    /// TLS in front of HTTP when configured; each connection takes the context current when it is accepted.
    let tls: TLSContextSource?
    let grace: Duration
    let logger: Logger
    let boundPort: EventLoopPromise<Int>

    func run() async throws {
        let channel: any Channel
        let quiescing = ServerQuiescingHelper(group: group)
        do {
            let loops = try await makeLoopContexts()
            shared.register(Array(loops.values))
            let connections = ConnectionCounter(refused: shared.metrics.connectionsRefused(listener: "data"))
            channel = try await bootstrap(loops: loops, quiescing: quiescing, connections: connections).bind(host: address.host, port: address.port).get()
        } catch {
            boundPort.fail(error)
            throw error
        }
        boundPort.succeed(channel.localAddress?.port ?? address.port)
        let shutdown = GracefulStop(loop: channel.eventLoop, quiescing: quiescing, grace: grace) { [shared] in
            // Whatever is still open when the grace period ends is closed, pooled upstreams too.
            shared.onEveryLoop { $0.closeEverything() }
        }
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                try? await shutdown.finished.get()
            } onGracefulShutdown: {
                shutdown.begin()
            }
        } onCancel: {
            shutdown.begin()
        }
        logger.debug("data plane stopped")
    }

    private func bootstrap(
        loops: [ObjectIdentifier: NIOLoopBound<LoopContext>],
        quiescing: ServerQuiescingHelper,
        connections: ConnectionCounter
    ) -> ServerBootstrap {
        let shared = self.shared
        let tls = self.tls
        return ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    guard let loop = loops[ObjectIdentifier(channel.eventLoop)]?.value else {
                        throw ChannelError.ioOnClosedChannel
                    }
                    let limits = shared.snapshot.load(ordering: .acquiring).limits
                    guard connections.admit(limit: limits.maxConnections) else {
                        try channel.pipeline.syncOperations.addHandler(RefuseConnectionHandler())
                        return
                    }
                    channel.closeFuture.whenComplete { _ in connections.release() }
                    if let tls { try channel.pipeline.syncOperations.addHandler(tls.makeServerHandler()) }
                    // Pipelining is handled by InferenceHandler itself: NIO's assistance withholds
                    // reads during every response, which costs two epoll_ctl calls per request.
                    // Heads over the limits are refused by the parser with 400 and a close.
                    // No outbound header validation: see `UpstreamPool.connect`.
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withPipeliningAssistance: false,
                        withErrorHandling: true,
                        withOutboundHeaderValidation: false,
                        withEncoderConfiguration: .init(),
                        withDecoderLimitConfiguration: limits.decoderLimits
                    )
                    try channel.pipeline.syncOperations.addHandler(InferenceHandler(shared: shared, loop: loop))
                    loop.track(channel)
                }
            }
    }

    /// One ``LoopContext`` per event loop, each created on its own loop.
    private func makeLoopContexts() async throws -> [ObjectIdentifier: NIOLoopBound<LoopContext>] {
        var contexts: [ObjectIdentifier: NIOLoopBound<LoopContext>] = [:]
        let metrics = shared.metrics
        for loop in group.makeIterator() {
            contexts[ObjectIdentifier(loop)] = try await loop.submit {
                NIOLoopBound(LoopContext(eventLoop: loop, metrics: metrics), eventLoop: loop)
            }.get()
        }
        return contexts
    }
}
