import NIOCore
import TurnoutCore

/// The one set of rules for keep-alive connections to upstream model servers: ``UpstreamPool``
/// applies the timeouts, and the exchanges that use its connections (the data plane's
/// ``InferenceHandler`` and the mirror's ``ShadowUpstreamCall``) ask it whether a connection may
/// be reused and whether a failed request is sent again.
///
/// The data plane and the mirror used to carry their own copies of these rules and drifted apart:
/// the mirror kept connections for a fixed 4 s whatever a version's `idle_timeout` said, connected
/// within a fixed 2 s whatever its `timeouts.connect` said, and the stale-connection fix was
/// written twice (decision 0020).
struct UpstreamPoolPolicy: Sendable, Equatable {
    /// A pooled connection idle for longer is closed instead of reused, so a request is never
    /// sent on a connection the upstream is about to close as idle.
    var idleTimeout: TimeAmount
    /// Longest wait for a new TCP connection.
    var connectTimeout: TimeAmount

    init(idleTimeout: TimeAmount, connectTimeout: TimeAmount) {
        self.idleTimeout = idleTimeout
        self.connectTimeout = connectTimeout
    }

    /// The policy a version's upstream configuration asks for.
    init(_ config: UpstreamConfig) {
        self.init(idleTimeout: TimeAmount(config.idleTimeout), connectTimeout: TimeAmount(config.timeouts.connect))
    }

    /// Whether a pooled connection that went idle at `idleSince` may carry a request at `now`.
    func mayReuse(idleSince: NIODeadline, at now: NIODeadline) -> Bool {
        now - idleSince < idleTimeout
    }

    /// The connect timeout for a call that has `budget` left in all: connecting never outlasts the call.
    func connectTimeout(within budget: TimeAmount) -> TimeAmount {
        min(connectTimeout, budget)
    }

    /// Whether a connection may go back to the pool once its response was read to the end: only
    /// after a complete exchange (the whole request went out) on a connection the upstream keeps
    /// alive. An answer that came before the request's end leaves the rest of the body to be
    /// sent, so the connection cannot start another request.
    static func isReusable(keepAlive: Bool, requestSent: Bool) -> Bool {
        keepAlive && requestSent
    }

    /// Whether a request whose connection failed is sent once more on a new connection: the
    /// connection was reused (it had completed an exchange before), no answer had begun, and the
    /// request was not already replaced once. Such a failure most likely means the upstream
    /// closed the connection as idle just as the request went out, so the request never reached
    /// it; a failure on a new connection, or after the answer began, is the upstream's.
    static func replacesStaleConnection(reused: Bool, answerStarted: Bool, alreadyReplaced: Bool) -> Bool {
        reused && !answerStarted && !alreadyReplaced
    }
}
