import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP server on a free loopback port that stands in for a model server.
///
/// It answers `{"version": NAME, "bytes": N, "checksum": N, "path": ..., ...}` and obeys a few
/// request headers so tests can make it misbehave:
/// - `x-test-echo: 1` echoes the request body back;
/// - `x-test-close: 1` closes the connection without answering;
/// - `x-test-delay-ms: N` answers after N milliseconds;
/// - `x-test-status: N` answers with that status;
/// - `x-test-conn-close: 1` answers with `connection: close` and closes;
/// - `x-test-drop-next: 1` answers, then closes the connection without answering the next
///   request on it (an idle keep-alive connection closed just as it is reused).
final class TestUpstream: Sendable {
    let name: String
    let channel: any Channel
    private let counters: NIOLockedValueBox<Counters>

    struct Counters {
        var connections = 0
        /// Connections open now.
        var open = 0
        /// Requests other than readiness probes.
        var requests = 0
        var probes = 0
        /// What `GET /v2/health/ready` answers.
        var ready = true
    }

    /// The port it listens on (kept after ``stop()``, so tests can point at a closed port).
    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }
    var connections: Int { counters.withLockedValue { $0.connections } }
    var openConnections: Int { counters.withLockedValue { $0.open } }
    var requests: Int { counters.withLockedValue { $0.requests } }
    var probes: Int { counters.withLockedValue { $0.probes } }

    /// Makes the readiness endpoint answer 200 (ready) or 503.
    func setReady(_ ready: Bool) {
        counters.withLockedValue { $0.ready = ready }
    }

    private init(name: String, channel: any Channel, counters: NIOLockedValueBox<Counters>) {
        self.name = name
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        self.counters = counters
    }

    static func start(name: String, port: Int = 0) async throws -> TestUpstream {
        let counters = NIOLockedValueBox(Counters())
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                counters.withLockedValue {
                    $0.connections += 1
                    $0.open += 1
                }
                channel.closeFuture.whenComplete { _ in counters.withLockedValue { $0.open -= 1 } }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(TestUpstreamHandler(name: name, counters: counters))
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        return TestUpstream(name: name, channel: channel, counters: counters)
    }

    func stop() async throws {
        try await channel.close()
    }
}

/// Serves one connection of a ``TestUpstream``.
final class TestUpstreamHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let name: String
    private let counters: NIOLockedValueBox<TestUpstream.Counters>
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var closeAfter = false
    private var dropNext = false

    init(name: String, counters: NIOLockedValueBox<TestUpstream.Counters>) {
        self.name = name
        self.counters = counters
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
                let ready = counters.withLockedValue { counters in
                    counters.probes += 1
                    return counters.ready
                }
                write(status: ready ? .ok : .serviceUnavailable, payload: ByteBuffer(string: "{}"), context: context)
                return
            }
            counters.withLockedValue { $0.requests += 1 }
            answer(head, context: context)
        }
    }

    private func answer(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        if dropNext {
            context.close(promise: nil)
            return
        }
        dropNext = head.headers.first(name: "x-test-drop-next") != nil
        if head.headers.first(name: "x-test-close") != nil {
            context.close(promise: nil)
            return
        }
        let status = head.headers.first(name: "x-test-status").flatMap(Int.init).map { HTTPResponseStatus(statusCode: $0) } ?? .ok
        let payload = head.headers.first(name: "x-test-echo") != nil ? body : ByteBuffer(string: describe(head))
        closeAfter = head.headers.first(name: "x-test-conn-close") != nil
        if let delay = head.headers.first(name: "x-test-delay-ms").flatMap(Int64.init) {
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(delay)) {
                self.write(status: status, payload: payload, context: context)
            }
        } else {
            write(status: status, payload: payload, context: context)
        }
    }

    private func write(status: HTTPResponseStatus, payload: ByteBuffer, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "content-length", value: String(payload.readableBytes))
        headers.add(name: "keep-alive", value: "timeout=60")
        if closeAfter { headers.add(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(payload))), promise: nil)
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if closeAfter {
            written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    private func describe(_ head: HTTPRequestHead) -> String {
        func header(_ name: String) -> String {
            head.headers[name].map { "\"\($0.replacingOccurrences(of: "\"", with: "\\\""))\"" }.joined(separator: ",")
        }
        return """
            {"version":"\(name)","path":"\(head.uri)","method":"\(head.method.rawValue)","bytes":\(body.readableBytes),\
            "checksum":\(Checksum.of(body.readableBytesView)),"host":[\(header("host"))],\
            "x-request-id":[\(header("x-request-id"))],"x-forwarded-for":[\(header("x-forwarded-for"))],\
            "forwarded":[\(header("forwarded"))],"connection":[\(header("connection"))],"x-hop":[\(header("x-hop"))],\
            "x-custom":[\(header("x-custom"))]}
            """
    }
}

/// FNV-1a over bytes, to compare bodies without shipping them back.
enum Checksum {
    static func of<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}

/// Random test payloads, made a word at a time so large ones are quick to build.
enum RandomBytes {
    static func make(count: Int) -> [UInt8] {
        var random = SystemRandomNumberGenerator()
        var bytes = [UInt8]()
        bytes.reserveCapacity(count + 8)
        while bytes.count < count {
            withUnsafeBytes(of: random.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        return Array(bytes.prefix(count))
    }
}
