import NIOCore
import NIOHTTP1

/// The handler at the end of one pooled upstream connection's pipeline.
///
/// It hands response parts to the exchange that holds the connection, and lets that exchange
/// pause reading when the client cannot keep up, so a slow client never buffers a whole answer.
final class UpstreamConnection: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = HTTPClientRequestPart

    /// The pool this connection belongs to.
    let pool: UpstreamPool
    private var context: ChannelHandlerContext?
    /// The exchange using this connection, or nil while it is idle in the pool.
    var exchange: (any UpstreamExchange)?
    private var responseKeepAlive = true
    private(set) var readsPaused = false
    /// When the connection last went back to the pool, on the loop's clock.
    var idleSince: NIODeadline
    /// Exchanges completed on this connection; above zero it is a reused keep-alive connection.
    private(set) var exchangesServed = 0
    private var readPending = false

    init(pool: UpstreamPool) {
        self.pool = pool
        idleSince = pool.loop.now
    }

    var isActive: Bool { context?.channel.isActive ?? false }
    var isWritable: Bool { context?.channel.isWritable ?? false }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    // MARK: Sending

    func write(_ part: HTTPClientRequestPart) {
        context?.write(wrapOutboundOut(part), promise: nil)
    }

    func flush() {
        context?.flush()
    }

    func close() {
        exchange = nil
        context?.close(promise: nil)
    }

    // MARK: Backpressure

    func pauseReads() {
        readsPaused = true
    }

    func resumeReads() {
        guard readsPaused else { return }
        readsPaused = false
        if readPending, let context {
            readPending = false
            context.read()
        }
    }

    func read(context: ChannelHandlerContext) {
        if readsPaused {
            readPending = true
        } else {
            context.read()
        }
    }

    // MARK: Receiving

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            responseKeepAlive = head.isKeepAlive
            exchange?.upstreamResponseHead(head)
        case .body(let buffer):
            exchange?.upstreamResponseBody(buffer)
        case .end:
            exchangesServed += 1
            let finished = exchange
            exchange = nil
            readsPaused = false
            finished?.upstreamResponseEnd(reusable: responseKeepAlive)
            responseKeepAlive = true
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        exchange?.upstreamReadComplete()
        context.fireChannelReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        exchange?.upstreamWritabilityChanged(isWritable: context.channel.isWritable)
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        let interrupted = exchange
        exchange = nil
        pool.connectionClosed(self)
        interrupted?.upstreamFailed(.connectionClosed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
