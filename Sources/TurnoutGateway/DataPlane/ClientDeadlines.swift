import NIOCore
import TurnoutCore

/// Which client timeout a connection is under, worked out from what has arrived so far.
///
/// A pure value: the data plane's per-loop sweep and the admin listener's timer both feed it
/// events and ask whether a timeout has passed, and tests drive it with made-up instants.
/// The rules, as nginx's client_header_timeout / client_body_timeout / keepalive_timeout:
/// - a new connection has `header_timeout` from its accept for the whole first request head;
/// - a keep-alive connection has `idle_timeout` until the next request's first bytes, then
///   `header_timeout` from them for the rest of the head;
/// - a request body may pause for at most `body_timeout` between two reads;
/// - nothing runs while the gateway itself is busy: waiting for an answer, or not reading the
///   client because the upstream is not taking the body yet (the upstream timeouts cover that).
struct ClientDeadlines {
    /// The timeout that ran out.
    enum Timeout: Equatable {
        case idle
        case header
        case body
    }

    /// When the head being read began to arrive (or the connection was accepted); nil when no
    /// head is on its way.
    private var headStartedAt: NIODeadline?
    /// Whether any byte of that head has arrived, so a timeout can tell a slow client from a silent one.
    private(set) var headHasBytes = false
    private var lastBodyRead: NIODeadline
    private var idleSince: NIODeadline
    private var readingBody = false
    private var requestsInFlight = 0
    private var readsPaused = false

    init(connectedAt now: NIODeadline) {
        headStartedAt = now
        lastBodyRead = now
        idleSince = now
    }

    /// Bytes arrived that the parser has not turned into a request part yet: the start of a head,
    /// or body framing.
    mutating func bytesArrived(at now: NIODeadline) {
        if readingBody {
            lastBodyRead = now
        } else {
            if headStartedAt == nil { headStartedAt = now }
            headHasBytes = true
        }
    }

    /// A whole request head arrived.
    mutating func headArrived(at now: NIODeadline) {
        headStartedAt = nil
        headHasBytes = false
        requestsInFlight += 1
        readingBody = true
        lastBodyRead = now
    }

    /// A piece of the request body arrived.
    mutating func bodyArrived(at now: NIODeadline) {
        lastBodyRead = now
    }

    /// The request has been read to its end.
    mutating func requestEnded() {
        readingBody = false
    }

    /// The gateway stopped reading the client (backpressure): no client timeout runs meanwhile.
    mutating func pauseReads() {
        readsPaused = true
    }

    /// The gateway reads the client again; the body gap counts from now.
    mutating func resumeReads(at now: NIODeadline) {
        guard readsPaused else { return }
        readsPaused = false
        lastBodyRead = now
    }

    /// A request was answered and read to its end.
    mutating func exchangeFinished(at now: NIODeadline) {
        requestsInFlight = max(0, requestsInFlight - 1)
        readingBody = false
        guard requestsInFlight == 0 else { return }
        idleSince = now
        // A head that came in while the gateway was busy gets its full time from now.
        if headStartedAt != nil { headStartedAt = now }
    }

    /// The timeout that has run out at `now`, if any.
    func expired(at now: NIODeadline, limits: ListenerLimits) -> Timeout? {
        guard let (timeout, deadline) = next(limits: limits), now >= deadline else { return nil }
        return timeout
    }

    /// The timeout that runs now and when it ends; nil while none runs.
    func next(limits: ListenerLimits) -> (Timeout, NIODeadline)? {
        if readsPaused { return nil }
        if readingBody { return (.body, lastBodyRead + TimeAmount(limits.bodyTimeout)) }
        if requestsInFlight > 0 { return nil }
        if let start = headStartedAt { return (.header, start + TimeAmount(limits.headerTimeout)) }
        return (.idle, idleSince + TimeAmount(limits.idleTimeout))
    }
}
