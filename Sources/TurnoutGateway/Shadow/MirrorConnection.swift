import NIOCore
import NIOHTTP1

/// One keep-alive connection of the ``MirrorClient``: sends a call's request, reads the whole
/// answer (keeping at most `maxBody` bytes), and reports how the call ended, once.
final class MirrorConnection: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// A call in progress.
    struct Call {
        let head: HTTPRequestHead
        let body: ByteBuffer
        let started: NIODeadline
        let maxBody: Int
        let done: (ShadowCallResult) -> Void
        /// Whether this call is already the replacement of one sent on a stale connection.
        var replacesStale = false
        /// Sends the call again on a new connection, when ``UpstreamPoolPolicy`` says the
        /// failure was a stale reused connection.
        var staleRetry: ((Call) -> Void)?
    }

    private var context: ChannelHandlerContext?
    private var call: Call?
    private var release: ((Bool) -> Void)?
    private var timer: Scheduled<Void>?
    private var status = 0
    private var keepAlive = true
    private var answer = ByteBuffer()
    private var overflow = false
    /// Exchanges completed on this connection; above zero it is a reused keep-alive connection.
    private(set) var exchangesServed = 0
    /// Whether the call in progress went out on a reused connection.
    private var reused = false
    /// When the connection went back to the pool.
    var idleSince = NIODeadline.now()

    var isActive: Bool { context?.channel.isActive ?? false }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Sends the call; `release` gets whether the connection can carry another one.
    func start(_ call: Call, timeout: TimeAmount, release: @escaping (Bool) -> Void) {
        guard let context else {
            call.done(.failed(reason: "the connection closed"))
            return
        }
        self.call = call
        self.release = release
        reused = exchangesServed > 0
        status = 0
        keepAlive = true
        answer = ByteBuffer()
        overflow = false
        // The call's timeout counts from when it was made, connecting included.
        let remaining = max(.zero, timeout - (NIODeadline.now() - call.started))
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: remaining) { [weak self] in
            self?.end(.timedOut(latency: Self.seconds(since: call.started)), reusable: false)
        }
        var head = call.head
        head.headers.replaceOrAdd(name: "content-length", value: String(call.body.readableBytes))
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(call.body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let call else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
            keepAlive = head.isKeepAlive
        case .body(var part):
            // Read to the end so the connection can be reused; keep only what may be compared.
            if overflow { return }
            if answer.readableBytes + part.readableBytes > call.maxBody {
                overflow = true
                answer.clear()
            } else {
                answer.writeBuffer(&part)
            }
        case .end:
            let body: ByteBuffer? = overflow ? nil : answer
            exchangesServed += 1
            // The whole request was written before the answer was read, so the exchange is complete.
            let reusable = UpstreamPoolPolicy.isReusable(keepAlive: keepAlive, requestSent: true)
            end(.answered(status: status, latency: Self.seconds(since: call.started), body: body), reusable: reusable)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        end(.failed(reason: "the shadow closed the connection"), reusable: false)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        end(.failed(reason: "\(error)"), reusable: false)
        context.close(promise: nil)
    }

    func close() {
        context?.close(promise: nil)
    }

    /// Reports the call's end once, then hands the connection back (or closes it).
    private func end(_ result: ShadowCallResult, reusable: Bool) {
        guard let call else { return }
        self.call = nil
        timer?.cancel()
        timer = nil
        let release = self.release
        self.release = nil
        answer = ByteBuffer()
        if !reusable { context?.close(promise: nil) }
        // Back in the pool first, so the next call (started from `done`) can reuse it.
        release?(reusable)
        if case .failed = result, let retry = call.staleRetry,
            UpstreamPoolPolicy.replacesStaleConnection(reused: reused, answerStarted: status != 0, alreadyReplaced: call.replacesStale) {
            var again = call
            again.replacesStale = true
            retry(again)
        } else {
            call.done(result)
        }
    }

    private static func seconds(since start: NIODeadline) -> Double {
        Double((NIODeadline.now() - start).nanoseconds) / 1e9
    }
}
