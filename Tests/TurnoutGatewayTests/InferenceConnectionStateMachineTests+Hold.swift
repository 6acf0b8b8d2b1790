import NIOCore
import NIOHTTP1
import Testing
import TurnoutCore
@testable import TurnoutGateway

/// Holding a request for an instance of its version (a recreate release's gap), on the state
/// machine alone.
extension InferenceConnectionStateMachineTests {
    /// A machine whose request head was served and that now holds for `hold` from `t0`.
    static func holding(_ hold: TimeAmount = .seconds(5)) -> Machine {
        var machine = Machine(connectedAt: t0)
        _ = machine.requestPartRead(head, at: t0)
        machine.requestHeadReceived(keepAlive: true, at: t0)
        machine.holdForInstance(hold, at: t0)
        return machine
    }

    @Test("a held request buffers its body, pausing the client past the high water, and its end waits for an instance")
    func holdingBuffersBody() {
        var machine = Self.holding()
        #expect(machine.isHolding)
        #expect(machine.bodyPartReceived() == .buffer(whileAcquiring: true))
        #expect(machine.requestEndReceived(at: Self.at(0.1)) == .nothing)
        #expect(machine.requestPartRead(Self.head, at: Self.at(0.2)) == .queue, "a pipelined request waits behind the held one")
    }

    @Test("the hold runs out at its length, not before; no upstream timeout runs while holding")
    func holdRunsOut() {
        var machine = Self.holding(.seconds(5))
        machine.upstreamChosen(timeouts: UpstreamTimeouts(connect: .seconds(1), read: .seconds(1), write: .seconds(1), total: .seconds(2)))
        #expect(!machine.holdRanOut(at: Self.at(4.9)))
        #expect(machine.upstreamTimeout(at: Self.at(4.9)) == nil, "the hold bounds the wait, not the upstream's limits")
        #expect(machine.holdRanOut(at: Self.at(5)))
        #expect(machine.heldFor(at: Self.at(5)) == .seconds(5))
    }

    @Test("once an instance is found the upstream's total deadline counts without the time held")
    func totalDeadlineExcludesHold() {
        var machine = Self.holding(.seconds(5))
        machine.instanceFound(timeouts: Self.limits, at: Self.at(3))
        #expect(!machine.isHolding)
        #expect(!machine.holdRanOut(at: Self.at(9)))
        machine.acquiringUpstream(at: Self.at(3))
        machine.upstreamAttached(at: Self.at(3))
        _ = machine.requestEndReceived(at: Self.at(3))
        _ = machine.upstreamResponseHeadReceived(endsByClose: false, at: Self.at(3.5))
        machine.upstreamBodyReceived(at: Self.at(12.5))
        #expect(machine.upstreamTimeout(at: Self.at(12.9)) == nil, "10 s total from the head, plus 3 s held")
        #expect(machine.upstreamTimeout(at: Self.at(13.1)) == .deadlineExceeded)
        #expect(machine.heldFor(at: Self.at(13.1)) == .seconds(3))
    }

    @Test("on shutdown a held request is refused at once, and its connection closes after the answer")
    func quiesceWhileHolding() {
        var machine = Self.holding()
        _ = machine.requestEndReceived(at: Self.t0)
        #expect(machine.quiesce() == .refuseHeld)
        #expect(machine.localResponseStarted() == .announceClose)
        #expect(machine.responseEnded(at: Self.at(0.1)) == .closeAfterEnd(exchangeOver: true))
    }

    @Test("a client that closes while held leaves the machine idle")
    func clientClosesWhileHolding() {
        var machine = Self.holding()
        machine.clientClosed()
        #expect(!machine.isHolding)
        #expect(!machine.holdRanOut(at: Self.at(60)))
    }
}
