import NIOCore
import NIOHTTPTypes
import TurnoutCore

/// Closes admin connections whose client is idle or slow, by the same rules as the data plane
/// (``ClientDeadlines``), with one timer per connection: the admin API sees little traffic.
final class AdminClientTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limits: ListenerLimits
    private var deadlines = ClientDeadlines(connectedAt: .now())
    private var partsInThisRead = false
    private var timer: Scheduled<Void>?
    private var timerFiresAt: NIODeadline?

    init(limits: ListenerLimits) {
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) {
        deadlines = ClientDeadlines(connectedAt: .now())
        rearm(context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        partsInThisRead = true
        switch unwrapInboundIn(data) {
        case .head: deadlines.headArrived(at: .now())
        case .body: deadlines.bodyArrived(at: .now())
        case .end: deadlines.requestEnded()
        }
        rearm(context)
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if !partsInThisRead {
            deadlines.bytesArrived(at: .now())
            rearm(context)
        }
        partsInThisRead = false
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            deadlines.exchangeFinished(at: .now())
            rearm(context)
        }
        context.write(data, promise: promise)
    }

    /// Keeps one timer at or before the running timeout's end; one that fires early re-checks
    /// and re-arms, so most events only move a field.
    private func rearm(_ context: ChannelHandlerContext) {
        guard let (_, deadline) = deadlines.next(limits: limits) else {
            cancelTimer()
            return
        }
        if timer != nil, let firesAt = timerFiresAt, firesAt <= deadline { return }
        cancelTimer()
        timerFiresAt = deadline
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.timer = nil
            self.timerFiresAt = nil
            if self.deadlines.expired(at: .now(), limits: self.limits) != nil {
                context.close(promise: nil)
            } else {
                self.rearm(context)
            }
        }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
        timerFiresAt = nil
    }
}
