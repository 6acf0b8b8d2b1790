import NIOCore
import NIOHTTP1
import Testing
import TurnoutCore
@testable import TurnoutGateway

/// ``InferenceConnectionStateMachine`` on its own: events in, actions out, instants made up.
@Suite("Inference connection state machine")
struct InferenceConnectionStateMachineTests {
    typealias Machine = InferenceConnectionStateMachine

    static let t0 = NIODeadline.uptimeNanoseconds(1_000_000_000)
    static let head = HTTPServerRequestPart.head(HTTPRequestHead(version: .http1_1, method: .POST, uri: "/v2/models/m/infer"))
    static let body = HTTPServerRequestPart.body(ByteBuffer(string: "{}"))

    static func at(_ seconds: Double) -> NIODeadline {
        t0 + .nanoseconds(Int64(seconds * 1e9))
    }

    /// A machine whose request head has been served and that now relays to an upstream with these limits.
    static func forwarding(timeouts: UpstreamTimeouts = UpstreamTimeouts()) -> Machine {
        var machine = Machine(connectedAt: t0)
        #expect(machine.requestPartRead(head, at: t0) == .serve(head))
        machine.requestHeadReceived(keepAlive: true, at: t0)
        machine.upstreamChosen(timeouts: timeouts)
        machine.acquiringUpstream(at: t0)
        machine.upstreamAttached(at: t0)
        return machine
    }

    @Test("a request that arrives before the previous answer waits, pauses reads, and is served in order once the answer ends")
    func pipelining() {
        var machine = Self.forwarding()
        #expect(machine.requestPartRead(.end(nil), at: Self.at(0.1)) == .serve(.end(nil)))
        #expect(machine.requestEndReceived(at: Self.at(0.1)) == .forwardEnd)
        #expect(machine.requestPartRead(Self.head, at: Self.at(0.2)) == .queue)
        #expect(machine.requestPartRead(.end(nil), at: Self.at(0.2)) == .queue)
        #expect(machine.clientReadsPaused)
        #expect(machine.readRequested() == .hold, "no more is read while requests wait")
        #expect(machine.clientReadComplete(at: Self.at(0.2)) == .flushUpstream)

        #expect(machine.upstreamResponseHeadReceived(endsByClose: false, at: Self.at(0.3)) == .keepOpen)
        #expect(machine.responseEnded(at: Self.at(0.4)) == .replayPipelined)
        #expect(machine.phase == .idle)

        let started = machine.startReplay()
        let startedAgain = machine.startReplay()
        #expect(started)
        #expect(!startedAgain, "a replay started further up the stack is not started again")
        #expect(machine.nextPipelinedPart() == Self.head)
        machine.requestHeadReceived(keepAlive: true, at: Self.at(0.4))
        machine.collectBodyForRouting()
        #expect(machine.nextPipelinedPart() == .end(nil))
        #expect(machine.requestEndReceived(at: Self.at(0.4)) == .routeOnBody)
        #expect(machine.nextPipelinedPart() == nil)
        #expect(machine.finishReplay(at: Self.at(0.4)) == .flushUpstreamAndReadClient, "the held read goes out once nothing waits")
        #expect(!machine.clientReadsPaused)
    }

    @Test("parts behind a busy request keep waiting: the replay stops at a request whose answer is not done")
    func replayStopsAtBusyRequest() {
        var machine = Self.forwarding()
        _ = machine.requestEndReceived(at: Self.t0)
        #expect(machine.requestPartRead(Self.head, at: Self.t0) == .queue)
        #expect(machine.requestPartRead(.end(nil), at: Self.t0) == .queue)
        #expect(machine.requestPartRead(Self.head, at: Self.t0) == .queue)
        _ = machine.responseEnded(at: Self.t0)
        let started = machine.startReplay()
        #expect(started)
        #expect(machine.nextPipelinedPart() == Self.head)
        machine.requestHeadReceived(keepAlive: true, at: Self.t0)
        machine.acquiringUpstream(at: Self.t0)
        #expect(machine.nextPipelinedPart() == .end(nil))
        #expect(machine.requestEndReceived(at: Self.t0) == .nothing, "the end waits for the connection with the buffered body")
        #expect(machine.nextPipelinedPart() == nil, "the third request waits for the second's answer")
        #expect(machine.hasPipelinedParts)
        #expect(machine.clientReadComplete(at: Self.t0) == .nothing)
        #expect(machine.finishReplay(at: Self.t0) == .flushUpstream, "reads stay paused while a request waits")
        #expect(machine.clientReadsPaused)
    }

    @Test("a response that ends before the request body does: reads resume, the rest is discarded, and the end closes the exchange")
    func earlyResponse() {
        var machine = Self.forwarding()
        #expect(machine.bodyPartReceived() == .forwardToUpstream)
        #expect(machine.exchangeFailed() == .answerError, "an upstream failure before any answer is answered")
        #expect(machine.localResponseStarted() == .keepOpen)
        #expect(machine.exchangeFailed() == .closeConnection, "once an answer started, only closing tells the client")
        #expect(machine.responseEnded(at: Self.at(1)) == .resumeReads)
        #expect(machine.phase == .draining)
        #expect(machine.bodyPartReceived() == .discard)
        #expect(machine.requestEndReceived(at: Self.at(2)) == .exchangeOver)
        #expect(machine.phase == .idle)
        #expect(!machine.requestEnded && !machine.responseStarted, "the next exchange starts clean")
    }

    @Test("a body over the limit closes the connection: 413 when no answer started, a cut connection otherwise")
    func tooLarge() {
        var machine = Self.forwarding()
        #expect(machine.requestTooLarge() == .answerError)
        #expect(machine.localResponseStarted() == .announceClose, "the 413 says the connection closes")
        #expect(machine.responseEnded(at: Self.t0) == .closeAfterEnd(exchangeOver: false))
        #expect(machine.requestPartRead(Self.body, at: Self.t0) == .drop, "nothing more is served on a closing connection")

        var started = Self.forwarding()
        _ = started.upstreamResponseHeadReceived(endsByClose: false, at: Self.t0)
        #expect(started.requestTooLarge() == .closeConnection)
    }

    @Test("an HTTP/1.0 client whose answer has no length is told the connection closes, and it does")
    func closeDelimitedAnswer() {
        var machine = Self.forwarding()
        _ = machine.requestEndReceived(at: Self.t0)
        #expect(machine.upstreamResponseHeadReceived(endsByClose: true, at: Self.t0) == .announceClose)
        #expect(machine.responseEnded(at: Self.t0) == .closeAfterEnd(exchangeOver: true))
    }

    @Test("a client without keep-alive, or a shutdown, closes after the answer; an idle connection closes at once on shutdown")
    func closingAfterAnswer() {
        var noKeepAlive = Machine(connectedAt: Self.t0)
        _ = noKeepAlive.requestPartRead(Self.head, at: Self.t0)
        noKeepAlive.requestHeadReceived(keepAlive: false, at: Self.t0)
        #expect(noKeepAlive.localResponseStarted() == .announceClose)

        var idle = Machine(connectedAt: Self.t0)
        #expect(idle.quiesce() == .close)
        #expect(idle.requestPartRead(Self.head, at: Self.t0) == .drop)

        var busy = Self.forwarding()
        #expect(busy.quiesce() == .nothing, "a request in progress gets its answer")
        _ = busy.requestEndReceived(at: Self.t0)
        #expect(busy.upstreamResponseHeadReceived(endsByClose: false, at: Self.t0) == .announceClose)
        #expect(busy.responseEnded(at: Self.t0) == .closeAfterEnd(exchangeOver: true))
    }

    @Test("body parts are buffered while routing, acquiring or answering locally; only acquiring pauses the client")
    func bodyBuffering() {
        var machine = Machine(connectedAt: Self.t0)
        _ = machine.requestPartRead(Self.head, at: Self.t0)
        machine.requestHeadReceived(keepAlive: true, at: Self.t0)
        machine.collectBodyForRouting()
        #expect(machine.bodyPartReceived() == .buffer(whileAcquiring: false))
        machine.acquiringUpstream(at: Self.t0)
        #expect(machine.bodyPartReceived() == .buffer(whileAcquiring: true))
        #expect(machine.answerLocallyAfterBody() == .awaitBody)
        #expect(machine.requestEndReceived(at: Self.t0) == .answerLocally)
        #expect(machine.answerLocallyAfterBody() == .answerNow, "the body is complete")
    }

    @Test("reads paused for backpressure hold the pipeline's read until they resume")
    func readBackpressure() {
        var machine = Self.forwarding()
        #expect(machine.readRequested() == .read)
        machine.upstreamStoppedTakingBody(at: Self.t0)
        #expect(machine.readRequested() == .hold)
        #expect(machine.upstreamWritable(at: Self.at(1)) == .readClient)
        #expect(machine.resumeClientReads(at: Self.at(1)) == .nothing, "resuming twice reads once")
        machine.pauseClientReads()
        #expect(machine.resumeClientReads(at: Self.at(1)) == .nothing, "no read was asked for meanwhile")
    }

    // MARK: Upstream timeouts

    static let limits = UpstreamTimeouts(connect: .seconds(1), read: .seconds(2), write: .seconds(3), total: .seconds(10))

    @Test("waiting for a connection longer than the connect timeout is a pool timeout")
    func poolTimeout() {
        var machine = Machine(connectedAt: Self.t0)
        machine.requestHeadReceived(keepAlive: true, at: Self.t0)
        machine.upstreamChosen(timeouts: Self.limits)
        machine.acquiringUpstream(at: Self.at(0.5))
        #expect(machine.upstreamTimeout(at: Self.at(1.5)) == nil)
        #expect(machine.upstreamTimeout(at: Self.at(1.6)) == .poolTimeout)
    }

    @Test("the read timeout runs only once the request is sent, and counts from the last upstream bytes")
    func readTimeout() {
        var machine = Self.forwarding(timeouts: Self.limits)
        #expect(machine.upstreamTimeout(at: Self.at(5)) == nil, "an upload in progress is not a silent upstream")
        _ = machine.requestEndReceived(at: Self.at(5))
        #expect(machine.upstreamTimeout(at: Self.at(7)) == nil)
        #expect(machine.upstreamTimeout(at: Self.at(7.1)) == .readTimeout)
        _ = machine.upstreamResponseHeadReceived(endsByClose: false, at: Self.at(7))
        machine.upstreamBodyReceived(at: Self.at(8))
        #expect(machine.upstreamTimeout(at: Self.at(9.9)) == nil)
        #expect(machine.upstreamTimeout(at: Self.at(10.1)) == .deadlineExceeded, "the total limit counts from the head")
    }

    @Test("an upstream not taking the body is a write timeout; a client not taking the answer is a client timeout")
    func writeAndClientTimeouts() {
        var blocked = Self.forwarding(timeouts: Self.limits)
        blocked.upstreamStoppedTakingBody(at: Self.at(1))
        blocked.upstreamStoppedTakingBody(at: Self.at(2))
        #expect(blocked.upstreamTimeout(at: Self.at(4.1)) == .writeTimeout, "the write timeout counts from the first stall")
        _ = blocked.upstreamWritable(at: Self.at(4))
        #expect(blocked.upstreamTimeout(at: Self.at(4.1)) == nil)

        var slowClient = Self.forwarding(timeouts: Self.limits)
        _ = slowClient.requestEndReceived(at: Self.t0)
        slowClient.clientStoppedTakingResponse(at: Self.at(1))
        #expect(slowClient.upstreamTimeout(at: Self.at(3.5)) == nil, "a paused upstream is not a silent one")
        #expect(slowClient.upstreamTimeout(at: Self.at(4.1)) == .clientTimeout)
        slowClient.clientTakesResponseAgain(at: Self.at(4))
        #expect(slowClient.upstreamTimeout(at: Self.at(5.5)) == nil)
    }

    @Test("no upstream timeout runs once the answer is done and the rest of the body is discarded")
    func noTimeoutWhileDraining() {
        var machine = Self.forwarding(timeouts: Self.limits)
        _ = machine.localResponseStarted()
        _ = machine.responseEnded(at: Self.t0)
        #expect(machine.upstreamTimeout(at: Self.at(60)) == nil)
    }

    // MARK: Client timeouts

    static let clientLimits: ListenerLimits = {
        var limits = ListenerLimits.dataPlane
        limits.headerTimeout = .seconds(1)
        limits.bodyTimeout = .seconds(2)
        limits.idleTimeout = .seconds(5)
        return limits
    }()

    @Test("a silent new connection closes at the header timeout without an answer; one that sent part of a head gets 408")
    func headerTimeout() {
        var silent = Machine(connectedAt: Self.t0)
        #expect(silent.clientTimeout(at: Self.at(0.9), limits: Self.clientLimits) == .nothing)
        #expect(silent.clientTimeout(at: Self.at(1.1), limits: Self.clientLimits) == .close(abandoningUpstream: true))
        #expect(silent.clientTimeout(at: Self.at(2), limits: Self.clientLimits) == .nothing, "a closing connection times out once")

        var partial = Machine(connectedAt: Self.t0)
        _ = partial.clientReadComplete(at: Self.at(0.5))
        #expect(partial.clientTimeout(at: Self.at(1.1), limits: Self.clientLimits) == .answerHeaderTimeout)
        #expect(partial.localResponseStarted() == .announceClose)
    }

    @Test("a stalled body gets 408 before any answer, a cut connection after one; an idle keep-alive connection closes")
    func bodyAndIdleTimeouts() {
        var stalled = Self.forwarding()
        #expect(stalled.clientTimeout(at: Self.at(1.9), limits: Self.clientLimits) == .nothing)
        #expect(stalled.clientTimeout(at: Self.at(2.1), limits: Self.clientLimits) == .answerBodyTimeout)

        var answered = Self.forwarding()
        _ = answered.upstreamResponseHeadReceived(endsByClose: false, at: Self.t0)
        #expect(answered.clientTimeout(at: Self.at(2.1), limits: Self.clientLimits) == .close(abandoningUpstream: true))

        var paused = Self.forwarding()
        paused.upstreamStoppedTakingBody(at: Self.t0)
        #expect(paused.clientTimeout(at: Self.at(30), limits: Self.clientLimits) == .nothing, "no client timeout while the gateway does not read")

        var idle = Self.forwarding()
        _ = idle.requestPartRead(.end(nil), at: Self.t0)
        _ = idle.requestEndReceived(at: Self.t0)
        _ = idle.upstreamResponseHeadReceived(endsByClose: false, at: Self.t0)
        #expect(idle.clientTimeout(at: Self.at(30), limits: Self.clientLimits) == .nothing, "waiting for the upstream is not the client's time")
        _ = idle.responseEnded(at: Self.at(1))
        #expect(idle.clientTimeout(at: Self.at(5.9), limits: Self.clientLimits) == .nothing)
        #expect(idle.clientTimeout(at: Self.at(6.1), limits: Self.clientLimits) == .close(abandoningUpstream: false))
    }
}
