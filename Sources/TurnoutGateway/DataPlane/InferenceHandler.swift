import NIOCore
import NIOExtras
import NIOHTTP1
import TurnoutCore

/// Serves one client connection of the data plane: parses just what routing needs, asks the
/// routing snapshot for a decision, and relays the exchange to a pooled upstream connection on the
/// same event loop with backpressure both ways, without a task or actor hop per request. Routes the
/// gateway answers itself (metadata, health, OFREP, feedback) are matched by ``LocalRoute`` and
/// served in `LocalRoutes/`; the handler itself only routes and relays inference.
final class InferenceHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// Body bytes buffered while waiting for an upstream connection before the client is paused.
    static let bufferHighWater = 256 * 1024

    let shared: DataPlaneShared
    let loop: LoopContext
    /// Position in the loop's deadline sweep, managed by ``LoopContext``.
    var watchIndex: Int?
    /// Position in the loop's client-timeout sweep, managed by ``LoopContext``.
    var clientIndex: Int?
    /// The connection's state; the handler feeds it events and carries out the actions it returns.
    /// Started again from the loop's clock in `handlerAdded`, before any use.
    var state = InferenceConnectionStateMachine(connectedAt: .uptimeNanoseconds(0))

    var context: ChannelHandlerContext?
    var exchange = Exchange()
    var pendingBody = CircularBuffer<ByteBuffer>()
    var pendingBodyBytes = 0
    var upstream: UpstreamConnection?
    var pool: UpstreamPool?
    /// The peer's address for `x-forwarded-for`, and the `forwarded` value without the host,
    /// worked out once per connection.
    private(set) var clientAddress = "unknown"
    private(set) var forwardedElement = "for=unknown;proto=http"

    init(shared: DataPlaneShared, loop: LoopContext) {
        self.shared = shared
        self.loop = loop
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        state = InferenceConnectionStateMachine(connectedAt: loop.now)
        loop.trackClient(self, limits: shared.snapshot.load(ordering: .acquiring).limits)
        if let ip = context.channel.remoteAddress?.ipAddress {
            clientAddress = ip
            let proto = shared.scheme
            forwardedElement = ip.utf8.contains(UInt8(ascii: ":")) ? "for=\"[\(ip)]\";proto=\(proto)" : "for=\(ip);proto=\(proto)"
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        loop.forgetClient(self)
        self.context = nil
    }

    // MARK: Client events

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state.requestPartRead(unwrapInboundIn(data), at: loop.now) {
        case .serve(let part): dispatch(part)
        case .queue, .drop: break
        }
    }

    private func dispatch(_ part: HTTPServerRequestPart) {
        switch part {
        case .head(let head): receiveHead(head)
        case .body(let buffer): receiveBody(buffer)
        case .end: receiveEnd()
        }
    }

    /// Serves pipelined requests held back while the previous exchange ran, in order.
    func replayPipelined() {
        guard state.startReplay() else { return }
        while let part = state.nextPipelinedPart() {
            dispatch(part)
        }
        switch state.finishReplay(at: loop.now) {
        case .nothing:
            break
        case .flushUpstream:
            upstream?.flush()
        case .readClient:
            context?.read()
        case .flushUpstreamAndReadClient:
            upstream?.flush()
            context?.read()
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if state.clientReadComplete(at: loop.now) == .flushUpstream { upstream?.flush() }
        context.fireChannelReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { clientWritable() }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        abandonUpstream()
        loop.unwatch(self)
        loop.forgetClient(self)
        state.clientClosed()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        switch state.quiesce() {
        case .nothing: break
        case .close: context.close(promise: nil)
        case .refuseHeld: refuseHeld(because: "the gateway is shutting down")
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func read(context: ChannelHandlerContext) {
        if state.readRequested() == .read { context.read() }
    }

    // MARK: Client backpressure

    func resumeClientReads() {
        if state.resumeClientReads(at: loop.now) == .readClient { context?.read() }
    }
}

/// What the data plane knows about the request in progress on a connection.
struct Exchange {
    var requestID = ""
    var maxBodyBytes = Int.max
    /// The configuration key of ``maxBodyBytes``, for the 413 message.
    var bodyLimitKey = "max_body"
    var model: ModelRuntime?
    var version: VersionRuntime?
    var decision: Decision?
    /// Kept only while routing waits for the body.
    var clientHead: HTTPRequestHead?
    var routeKind: GatewayRoute.ModelRouteKind = .infer
    var query: Substring = ""
    var upstreamHead: HTTPRequestHead?
    var bodyBytes = 0
    var status = 0
    var clientVersion = HTTPVersion.http1_1
    /// Set for a route the gateway answers itself once the body has arrived (OFREP, feedback).
    var local: LocalRoute?
    /// Instances whose connection was refused during this request.
    var failedInstances: [Int] = []
    /// On a reused connection, the body parts sent so far are kept until the response starts, so
    /// a connection the upstream closed just as it was reused can be replaced once.
    var retainsSentBody = false
    /// An array rather than a `CircularBuffer`: an empty array allocates nothing, and an
    /// `Exchange` is made for every request while most never keep a body part.
    var sentBody: [ByteBuffer] = []
    var replacedStaleConnection = false
    /// Whether this request's decision goes to the store: an inference route with a store configured.
    var logsDecision = false
    /// The hash of the unit key, when there was one and decisions are logged.
    var unitHash: Int64?
    /// Why the request failed, for the outcome record.
    var errorKind: String?
    /// The bodies, when this request was sampled for payload logging.
    var capture: PayloadCapture?
    /// The request and the primary's answer, when this request is mirrored to shadows.
    var mirror: MirrorCapture?
    /// When the last of a mirrored request's body arrived: the primary's latency for the
    /// comparison counts from here, as the shadow's does, so a slow upload is not counted.
    var requestEndedAt: NIODeadline?
    /// The `Inference-Header-Content-Length` request header (Triton's binary tensor data
    /// extension): where the JSON header ends when tensor data follows it as raw bytes.
    var inferenceHeaderLength: String?
}
