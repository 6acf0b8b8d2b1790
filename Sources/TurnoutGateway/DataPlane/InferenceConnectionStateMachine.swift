import NIOCore
import NIOHTTP1
import TurnoutCore

/// The state of one data-plane client connection: where its current exchange is, whether the
/// connection stays open, whether the client is being read, which requests wait behind the current
/// one, and the instants its timeouts count from.
///
/// A value driven by ``InferenceHandler``: each method takes one event (a request part read, an
/// upstream answer, a timeout check) with the instant it happened, updates the state and returns
/// the one action the handler carries out. It does no I/O and reads no clock, so tests feed it
/// events and made-up instants. Actions are small enums, never closures or arrays, because every
/// request passes through here several times.
struct InferenceConnectionStateMachine {
    /// Where the current request is in its life.
    enum Phase: Equatable {
        /// No request in progress.
        case idle
        /// Reading the body because routing depends on it.
        case collecting
        /// Reading the body for an answer the gateway gives itself (in-process model, OFREP, feedback).
        case buffering
        /// The routed version has no ready instance and the model holds requests: waiting, up to
        /// the hold, for one to become ready; body parts are buffered.
        case holding
        /// Waiting for a pooled or new upstream connection; body parts are buffered.
        case acquiring
        /// Relaying to and from the upstream connection.
        case forwarding
        /// The response is done or being prepared locally; the rest of the request body is discarded.
        case draining
    }

    /// What the current exchange has done so far; replaced by a fresh value when it ends.
    private struct Exchange {
        var keepAlive = true
        var requestEnded = false
        var responseStarted = false
        var responseFinished = false
        var start = NIODeadline.uptimeNanoseconds(0)
        var timeouts = UpstreamTimeouts()
        var waitingSince = NIODeadline.uptimeNanoseconds(0)
        var lastUpstreamActivity = NIODeadline.uptimeNanoseconds(0)
        var writeBlockedSince: NIODeadline?
        /// When holding for an instance started, and how long it may last.
        var holdingSince = NIODeadline.uptimeNanoseconds(0)
        var hold = TimeAmount.zero
        /// How long the request was held: the upstream's total deadline does not count it, as
        /// the hold bounds that wait on its own.
        var held = TimeAmount.zero
        /// When the client stopped accepting the response, so upstream reads were paused.
        var clientBlockedSince: NIODeadline?
    }

    private(set) var phase = Phase.idle
    private var exchange = Exchange()
    /// Which client timeout runs, fed by what the client sends.
    private(set) var clientDeadlines: ClientDeadlines
    /// The connection closes once the current response is written; anything else is dropped.
    private(set) var closing = false
    private(set) var quiescing = false
    private(set) var clientReadsPaused = false
    private var clientReadPending = false
    /// Parts of requests that arrived (pipelined) before the current exchange was over.
    private var pipelined = CircularBuffer<HTTPServerRequestPart>()
    private var replaying = false
    /// True between a client read and its read-complete, when the flush there will send whatever
    /// was written upstream meanwhile in one system call.
    private(set) var inClientRead = false
    /// Whether the parser produced a request part in the current read, or only swallowed bytes.
    private var partsInThisRead = false

    init(connectedAt now: NIODeadline) {
        clientDeadlines = ClientDeadlines(connectedAt: now)
    }

    // MARK: What the handler reads

    var keepAlive: Bool { exchange.keepAlive }
    var requestEnded: Bool { exchange.requestEnded }
    var responseStarted: Bool { exchange.responseStarted }
    /// When the current request's head arrived.
    var requestStart: NIODeadline { exchange.start }
    var hasPipelinedParts: Bool { !pipelined.isEmpty }

    /// A part that arrives once the current request has ended but its response has not belongs
    /// to a pipelined request.
    private var isBusyWithEarlierRequest: Bool {
        phase != .idle && exchange.requestEnded
    }

    // MARK: Client reads

    /// What to do with a request part the parser delivered.
    enum PartAction: Equatable {
        /// The connection is closing: the part is dropped.
        case drop
        /// The part belongs to a request behind the current one; it waits, and reads pause.
        case queue
        /// Serve the part now.
        case serve(HTTPServerRequestPart)
    }

    mutating func requestPartRead(_ part: HTTPServerRequestPart, at now: NIODeadline) -> PartAction {
        guard !closing else { return .drop }
        inClientRead = true
        partsInThisRead = true
        noteClientPart(part, at: now)
        if isBusyWithEarlierRequest || !pipelined.isEmpty {
            pipelined.append(part)
            pauseClientReads()
            return .queue
        }
        return .serve(part)
    }

    private mutating func noteClientPart(_ part: HTTPServerRequestPart, at now: NIODeadline) {
        switch part {
        case .head: clientDeadlines.headArrived(at: now)
        case .body: clientDeadlines.bodyArrived(at: now)
        case .end: clientDeadlines.requestEnded()
        }
    }

    /// Whether a read-complete should flush what was written upstream during the read.
    enum ReadCompleteAction: Equatable {
        case nothing
        case flushUpstream
    }

    mutating func clientReadComplete(at now: NIODeadline) -> ReadCompleteAction {
        inClientRead = false
        if !partsInThisRead { clientDeadlines.bytesArrived(at: now) }
        partsInThisRead = false
        return phase == .forwarding ? .flushUpstream : .nothing
    }

    /// Whether a read the pipeline asks for goes to the socket now.
    enum ReadRequestAction: Equatable {
        case read
        /// Held until reads resume.
        case hold
    }

    mutating func readRequested() -> ReadRequestAction {
        guard clientReadsPaused else { return .read }
        clientReadPending = true
        return .hold
    }

    /// Stops reading the client (backpressure); no client timeout runs meanwhile.
    mutating func pauseClientReads() {
        clientReadsPaused = true
        clientDeadlines.pauseReads()
    }

    /// Whether resuming reads lets a held read through.
    enum ResumeAction: Equatable {
        case nothing
        case readClient
    }

    mutating func resumeClientReads(at now: NIODeadline) -> ResumeAction {
        guard clientReadsPaused else { return .nothing }
        clientReadsPaused = false
        clientDeadlines.resumeReads(at: now)
        guard clientReadPending else { return .nothing }
        clientReadPending = false
        return .readClient
    }

    // MARK: Pipelined requests

    /// Starts serving the requests held back while the previous exchange ran; false when a
    /// replay is already under way further up the stack.
    mutating func startReplay() -> Bool {
        guard !replaying else { return false }
        replaying = true
        return true
    }

    /// The next held-back part to serve, while the connection is free for it.
    mutating func nextPipelinedPart() -> HTTPServerRequestPart? {
        guard !closing, !isBusyWithEarlierRequest else { return nil }
        return pipelined.popFirst()
    }

    /// What remains to do once the held-back parts that could be served were.
    enum ReplayEndAction: Equatable {
        case nothing
        /// Outside a client read no read-complete will flush what was written upstream.
        case flushUpstream
        case readClient
        case flushUpstreamAndReadClient
    }

    mutating func finishReplay(at now: NIODeadline) -> ReplayEndAction {
        replaying = false
        let flush = !inClientRead
        let read = pipelined.isEmpty && !closing && resumeClientReads(at: now) == .readClient
        switch (flush, read) {
        case (false, false): return .nothing
        case (true, false): return .flushUpstream
        case (false, true): return .readClient
        case (true, true): return .flushUpstreamAndReadClient
        }
    }

    // MARK: The request

    /// A request head arrived: a new exchange starts.
    mutating func requestHeadReceived(keepAlive: Bool, at now: NIODeadline) {
        exchange = Exchange()
        exchange.start = now
        exchange.keepAlive = keepAlive && !quiescing
    }

    /// What a body part that passed the size limit is for.
    enum BodyAction: Equatable {
        case forwardToUpstream
        /// Kept until routing, an upstream connection or a local answer needs it; `whileAcquiring`
        /// says whether the client pauses once too much is kept.
        case buffer(whileAcquiring: Bool)
        case discard
    }

    func bodyPartReceived() -> BodyAction {
        switch phase {
        case .forwarding: .forwardToUpstream
        case .acquiring, .holding: .buffer(whileAcquiring: true)
        case .collecting, .buffering: .buffer(whileAcquiring: false)
        case .draining, .idle: .discard
        }
    }

    /// What the end of the request sets off.
    enum RequestEndAction: Equatable {
        case nothing
        case forwardEnd
        /// Routing waited for the body, which is now complete.
        case routeOnBody
        /// The gateway answers itself from the complete body.
        case answerLocally
        /// The response was already sent: the exchange is over, and a pipelined request may follow.
        case exchangeOver
    }

    mutating func requestEndReceived(at now: NIODeadline) -> RequestEndAction {
        exchange.requestEnded = true
        switch phase {
        case .forwarding:
            exchange.lastUpstreamActivity = now
            return .forwardEnd
        case .collecting:
            return .routeOnBody
        case .buffering:
            return .answerLocally
        case .draining:
            guard exchange.responseFinished else { return .nothing }
            endExchange(at: now)
            return .exchangeOver
        case .acquiring, .holding, .idle:
            return .nothing
        }
    }

    /// A body over the limit: the connection closes rather than read the rest of it.
    enum RefusalAction: Equatable {
        /// Answer with an error status; the answer says `connection: close`.
        case answerError
        /// The response already started, so only cutting the connection tells the client.
        case closeConnection
    }

    mutating func requestTooLarge() -> RefusalAction {
        exchange.keepAlive = false
        return exchange.responseStarted ? .closeConnection : .answerError
    }

    // MARK: Routing

    /// Routing needs the body: it is read before a decision is taken.
    mutating func collectBodyForRouting() {
        phase = .collecting
    }

    /// Whether a local answer can be given now or waits for the rest of the body.
    enum LocalAnswerAction: Equatable {
        case answerNow
        case awaitBody
    }

    /// The gateway answers this request itself once the body is complete.
    mutating func answerLocallyAfterBody() -> LocalAnswerAction {
        if exchange.requestEnded { return .answerNow }
        awaitBodyForLocalAnswer()
        return .awaitBody
    }

    /// The gateway answers this request itself once the rest of the body has arrived.
    mutating func awaitBodyForLocalAnswer() {
        phase = .buffering
    }

    /// The answer is being worked out off the request path (thread pool, store); what is left of
    /// the body is discarded.
    mutating func answerInProgress() {
        phase = .draining
    }

    // MARK: Holding for an instance

    /// The routed version has no ready instance: the request waits up to `hold` for one.
    mutating func holdForInstance(_ hold: TimeAmount, at now: NIODeadline) {
        exchange.holdingSince = now
        exchange.hold = hold
        phase = .holding
    }

    var isHolding: Bool { phase == .holding }

    /// Whether the hold has run out at `now` without an instance.
    func holdRanOut(at now: NIODeadline) -> Bool {
        phase == .holding && now - exchange.holdingSince >= exchange.hold
    }

    /// How long the request has been held at `now`.
    func heldFor(at now: NIODeadline) -> TimeAmount {
        phase == .holding ? now - exchange.holdingSince : exchange.held
    }

    /// An instance became ready while holding: the request goes to it with these time limits,
    /// and waits for a connection to it from now.
    mutating func instanceFound(timeouts: UpstreamTimeouts, at now: NIODeadline) {
        exchange.held = now - exchange.holdingSince
        upstreamChosen(timeouts: timeouts)
        acquiringUpstream(at: now)
    }

    // MARK: The upstream

    /// The request goes to an upstream with these time limits.
    mutating func upstreamChosen(timeouts: UpstreamTimeouts) {
        exchange.timeouts = timeouts
    }

    /// Waiting for a pooled or new connection, from now.
    mutating func acquiringUpstream(at now: NIODeadline) {
        exchange.waitingSince = now
        phase = .acquiring
    }

    var isAcquiring: Bool { phase == .acquiring }

    /// A connection was attached: what was buffered is sent and the exchange is relayed.
    mutating func upstreamAttached(at now: NIODeadline) {
        phase = .forwarding
        exchange.lastUpstreamActivity = now
    }

    /// The upstream connection stopped taking the request body: the client is not read until it
    /// does. `restartingClock` counts the write timeout from now even if it already ran.
    mutating func upstreamStoppedTakingBody(at now: NIODeadline, restartingClock: Bool = false) {
        if restartingClock || exchange.writeBlockedSince == nil { exchange.writeBlockedSince = now }
        pauseClientReads()
    }

    /// The upstream connection takes the request body again.
    mutating func upstreamWritable(at now: NIODeadline) -> ResumeAction {
        exchange.writeBlockedSince = nil
        return resumeClientReads(at: now)
    }

    /// Whether the response head tells the client the connection closes after it.
    enum ResponseHeadAction: Equatable {
        case keepOpen
        case announceClose
    }

    /// The upstream's response head arrived. `endsByClose` is true when the client cannot tell
    /// where the body ends but by the connection closing (an HTTP/1.0 client without a length).
    mutating func upstreamResponseHeadReceived(endsByClose: Bool, at now: NIODeadline) -> ResponseHeadAction {
        exchange.responseStarted = true
        exchange.lastUpstreamActivity = now
        if endsByClose { exchange.keepAlive = false }
        return exchange.keepAlive ? .keepOpen : .announceClose
    }

    mutating func upstreamBodyReceived(at now: NIODeadline) {
        exchange.lastUpstreamActivity = now
    }

    /// The client stopped taking the response, so the upstream is no longer read.
    mutating func clientStoppedTakingResponse(at now: NIODeadline) {
        exchange.clientBlockedSince = now
    }

    /// The client takes the response again; the upstream is read from now.
    mutating func clientTakesResponseAgain(at now: NIODeadline) {
        exchange.clientBlockedSince = nil
        exchange.lastUpstreamActivity = now
    }

    /// The upstream time limit that ran out at `now`, if any: total, connect (waiting for a
    /// connection), write (sending the body), client (not taking the answer), or read.
    func upstreamTimeout(at now: NIODeadline) -> UpstreamError? {
        let timeouts = exchange.timeouts
        if phase != .idle && phase != .draining && phase != .holding && now - exchange.start - exchange.held > TimeAmount(timeouts.total) {
            return .deadlineExceeded
        }
        switch phase {
        case .acquiring where now - exchange.waitingSince > TimeAmount(timeouts.connect):
            return .poolTimeout
        case .forwarding:
            if let blocked = exchange.writeBlockedSince, now - blocked > TimeAmount(timeouts.write) {
                return .writeTimeout
            } else if let blocked = exchange.clientBlockedSince {
                // The upstream is paused because the client is not reading: the client's fault.
                return now - blocked > TimeAmount(timeouts.write) ? .clientTimeout : nil
            } else if exchange.requestEnded && now - exchange.lastUpstreamActivity > TimeAmount(timeouts.read) {
                return .readTimeout
            }
            return nil
        default:
            return nil
        }
    }

    /// The exchange failed (upstream error or timeout): an error answer, or a cut connection
    /// once the response has started.
    func exchangeFailed() -> RefusalAction {
        exchange.responseStarted ? .closeConnection : .answerError
    }

    // MARK: The response

    /// The gateway starts its own answer.
    mutating func localResponseStarted() -> ResponseHeadAction {
        exchange.responseStarted = true
        return exchange.keepAlive ? .keepOpen : .announceClose
    }

    /// How the end of a response is written, and what follows it.
    enum ResponseEndAction: Equatable {
        /// Close once the end is written. `exchangeOver` is false while the request body is
        /// still arriving.
        case closeAfterEnd(exchangeOver: Bool)
        /// The exchange is over: serve the next pipelined request, if one waits.
        case replayPipelined
        /// The rest of the request body is read and discarded.
        case resumeReads
    }

    /// The response ends; the exchange is over once the request has been read to its end too.
    mutating func responseEnded(at now: NIODeadline) -> ResponseEndAction {
        exchange.responseFinished = true
        let close = !exchange.keepAlive || quiescing
        if close { closing = true }
        let exchangeOver = exchange.requestEnded
        if exchangeOver {
            endExchange(at: now)
        } else {
            phase = .draining
        }
        if close { return .closeAfterEnd(exchangeOver: exchangeOver) }
        return exchangeOver ? .replayPipelined : .resumeReads
    }

    private mutating func endExchange(at now: NIODeadline) {
        clientDeadlines.exchangeFinished(at: now)
        phase = .idle
        exchange = Exchange()
    }

    // MARK: The connection

    /// The server is shutting down: an idle connection closes now, a busy one after its answer.
    enum QuiesceAction: Equatable {
        case nothing
        case close
        /// A held request is refused now rather than wait for an instance while the gateway stops.
        case refuseHeld
    }

    mutating func quiesce() -> QuiesceAction {
        quiescing = true
        if phase == .idle && pipelined.isEmpty {
            closing = true
            return .close
        }
        exchange.keepAlive = false
        return phase == .holding ? .refuseHeld : .nothing
    }

    /// The client connection went away.
    mutating func clientClosed() {
        phase = .idle
    }

    /// What a client timeout that ran out calls for.
    enum ClientTimeoutAction: Equatable {
        case nothing
        /// Close without an answer; `abandoningUpstream` drops an exchange under way.
        case close(abandoningUpstream: Bool)
        /// 408: a request head started arriving and stalled.
        case answerHeaderTimeout
        /// 408: the request body paused for too long.
        case answerBodyTimeout
    }

    /// Checks the client timeouts at `now`. An idle or silent connection is closed; a client that
    /// started a request and stalled gets 408 first, when no response has started yet.
    mutating func clientTimeout(at now: NIODeadline, limits: ListenerLimits) -> ClientTimeoutAction {
        guard !closing, let timeout = clientDeadlines.expired(at: now, limits: limits) else { return .nothing }
        switch timeout {
        case .idle:
            closing = true
            return .close(abandoningUpstream: false)
        case .header where clientDeadlines.headHasBytes && phase == .idle && !exchange.responseStarted:
            exchange.keepAlive = false
            return .answerHeaderTimeout
        case .body where !exchange.responseStarted:
            exchange.keepAlive = false
            return .answerBodyTimeout
        case .header, .body:
            closing = true
            return .close(abandoningUpstream: true)
        }
    }
}
