import Testing
@testable import TurnoutGateway

/// The mirror's per-shadow lane, without sockets: what starts, waits and is dropped.
@Suite("Mirror lane")
struct MirrorLaneTests {
    let limits = MirrorLane<Int>.Limits(concurrency: 2, backlog: 3, byteBudget: 1_000)

    @Test("calls start up to the concurrency, then wait up to the backlog, then are dropped")
    func admission() {
        var lane = MirrorLane<Int>()
        let admissions = (0..<7).map { lane.admit($0, bytes: 10, limits: limits) }
        #expect(admissions == [.start, .start, .queued, .queued, .queued, .dropped, .dropped])
        #expect(lane.inFlight == 2)
        #expect(lane.backlog == 3)
        #expect(lane.heldBytes == 50)
    }

    @Test("a finished call hands its slot to the oldest waiting call; an empty backlog frees the slot")
    func finishing() {
        var lane = MirrorLane<Int>()
        for call in 0..<4 { _ = lane.admit(call, bytes: 10, limits: limits) }
        #expect(lane.finish(bytes: 10) == 2)
        #expect(lane.finish(bytes: 10) == 3)
        #expect(lane.inFlight == 2)
        #expect(lane.finish(bytes: 10) == nil)
        #expect(lane.finish(bytes: 10) == nil)
        #expect(lane.inFlight == 0)
        #expect(lane.heldBytes == 0)
        #expect(lane.admit(9, bytes: 10, limits: limits) == .start)
    }

    @Test("a call that would take the lane over its byte budget is dropped, even with a free slot")
    func byteBudget() {
        var lane = MirrorLane<Int>()
        #expect(lane.admit(0, bytes: 900, limits: limits) == .start)
        #expect(lane.admit(1, bytes: 200, limits: limits) == .dropped)
        #expect(lane.admit(2, bytes: 100, limits: limits) == .start)
        #expect(lane.heldBytes == 1_000)
    }

    @Test("shutdown removes the waiting calls and their bytes; calls in flight stay counted")
    func removeWaiting() {
        var lane = MirrorLane<Int>()
        for call in 0..<5 { _ = lane.admit(call, bytes: 10, limits: limits) }
        #expect(lane.removeWaiting() == [2, 3, 4])
        #expect(lane.backlog == 0)
        #expect(lane.inFlight == 2)
        #expect(lane.heldBytes == 20)
    }
}
