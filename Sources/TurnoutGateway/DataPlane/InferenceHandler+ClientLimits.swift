import NIOCore
import NIOHTTP1
import TurnoutCore

extension InferenceHandler {
    /// Feeds a request part, as the parser delivers it, to the client timeouts.
    func noteClientPart(_ part: HTTPServerRequestPart) {
        switch part {
        case .head: clientDeadlines.headArrived(at: loop.now)
        case .body: clientDeadlines.bodyArrived(at: loop.now)
        case .end: clientDeadlines.requestEnded()
        }
    }

    /// Called by the loop's client sweep: closes the connection once a client timeout ran out.
    func checkClientTimeouts(now: NIODeadline, limits: ListenerLimits) {
        guard !closing, let timeout = clientDeadlines.expired(at: now, limits: limits) else { return }
        clientTimedOut(timeout, limits: limits)
    }

    /// An idle or silent connection is closed; a client that started a request and stalled gets
    /// 408 first, when no response has started yet.
    private func clientTimedOut(_ timeout: ClientDeadlines.Timeout, limits: ListenerLimits) {
        guard let context else { return }
        loop.forgetClient(self)
        switch timeout {
        case .idle:
            closing = true
            context.close(promise: nil)
        case .header where clientDeadlines.headHasBytes && phase == .idle && !exchange.responseStarted:
            exchange.requestID = loop.makeRequestID()
            exchange.keepAlive = false
            respondError(.requestTimeout, "the request head did not arrive within \(limits.headerTimeout) (limits.header_timeout)")
        case .body where !exchange.responseStarted:
            exchange.keepAlive = false
            exchange.errorKind = "client_body_timeout"
            respondError(.requestTimeout, "the request body paused for longer than \(limits.bodyTimeout) (limits.body_timeout)")
        case .header, .body:
            abandonUpstream()
            closing = true
            context.close(promise: nil)
        }
    }
}
