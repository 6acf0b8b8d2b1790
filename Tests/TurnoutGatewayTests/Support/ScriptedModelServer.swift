import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP server on a free loopback port whose answers a test scripts: each request's head
/// and body go to `answer`, which may take its time (or wait for the test) before it returns the
/// status and body to send.
final class ScriptedModelServer: Sendable {
    typealias Answer = @Sendable (HTTPRequestHead, ByteBuffer) async -> (status: Int, body: String)
    typealias Log = NIOLockedValueBox<[(head: HTTPRequestHead, body: ByteBuffer)]>

    let channel: any Channel
    let port: Int
    private let log: Log
    var url: String { "http://127.0.0.1:\(port)" }
    /// The requests received so far, readiness probes excluded.
    var requests: [(head: HTTPRequestHead, body: ByteBuffer)] { log.withLockedValue { $0 } }

    private init(channel: any Channel, log: Log) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        self.log = log
    }

    static func start(_ answer: @escaping Answer) async throws -> ScriptedModelServer {
        let log = Log([])
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(ScriptedHandler(answer: answer, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return ScriptedModelServer(channel: channel, log: log)
    }

    func stop() async throws {
        try await channel.close()
    }
}

/// Serves one connection of a ``ScriptedModelServer``, one request at a time.
final class ScriptedHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let answer: ScriptedModelServer.Answer
    private let log: ScriptedModelServer.Log
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(answer: @escaping ScriptedModelServer.Answer, log: ScriptedModelServer.Log) {
        self.answer = answer
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var part):
            body.writeBuffer(&part)
        case .end:
            guard let head else { return }
            if head.uri.hasSuffix("/v2/health/ready") {
                write(status: 200, body: "{}", context: context)
                return
            }
            let request = body
            log.withLockedValue { $0.append((head, request)) }
            let answer = self.answer
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            let loop = context.eventLoop
            Task {
                let (status, text) = await answer(head, request)
                loop.execute {
                    let (handler, context) = bound.value
                    handler.write(status: status, body: text, context: context)
                }
            }
        }
    }

    private func write(status: Int, body text: String, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        let payload = ByteBuffer(string: text)
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "content-length", value: String(payload.readableBytes))
        let responseHead = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers)
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(payload))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
