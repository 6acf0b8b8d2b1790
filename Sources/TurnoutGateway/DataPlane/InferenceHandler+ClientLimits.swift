import NIOCore
import NIOHTTP1
import TurnoutCore

extension InferenceHandler {
    /// Called by the loop's client sweep: closes the connection, or answers 408, once a client
    /// timeout ran out.
    func checkClientTimeouts(now: NIODeadline, limits: ListenerLimits) {
        guard let context else { return }
        let action = state.clientTimeout(at: now, limits: limits)
        if action != .nothing { loop.forgetClient(self) }
        switch action {
        case .nothing:
            break
        case .close(let abandoningUpstream):
            if abandoningUpstream { abandonUpstream() }
            context.close(promise: nil)
        case .answerHeaderTimeout:
            exchange.requestID = loop.makeRequestID()
            respondError(.requestTimeout, "the request head did not arrive within \(limits.headerTimeout) (limits.header_timeout)")
        case .answerBodyTimeout:
            exchange.errorKind = "client_body_timeout"
            respondError(.requestTimeout, "the request body paused for longer than \(limits.bodyTimeout) (limits.body_timeout)")
        }
    }
}
