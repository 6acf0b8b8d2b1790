import Testing
import TurnoutCore

/// The recreate controller as a pure state machine on a fake clock, its commands applied
/// through the real ``ReleaseLifecycle`` and its scaling through a fake supervisor whose
/// stopped instances drain. Times are seconds after the release started.
@Suite("Recreate controller")
struct RecreateControllerTests {
    typealias Harness = InstanceReleaseHarness<RecreateProgress>

    static let spec = RecreateSpec(from: "v1", to: "v2", hold: 5, progressDeadline: 60)
    static let replicas = RolloutReplicas(from: 2, to: 2)

    /// A harness whose ticks report `traffic` as the data plane's held and refused requests.
    static func harness(traffic: @escaping @Sendable () -> RecreateTraffic? = { nil }) -> Harness {
        var harness = Harness(from: "v1", to: "v2", fromReplicas: replicas.from) { state, progress, instances, _, now in
            RecreateController.step(spec: spec, state: state, progress: progress, replicas: replicas, instances: instances, traffic: traffic(), now: now)
        }
        harness.supervisor.drains = true
        return harness
    }

    static func weights(_ old: Double, _ new: Double) -> [VersionWeight] {
        [VersionWeight(version: "v1", weight: old), VersionWeight(version: "v2", weight: new)]
    }

    @Test("stop v1, route to v2, start v2 once v1 is gone, promote when v2 is ready with the gap in the reason, then complete")
    func fullSequence() {
        var recreate = Self.harness { RecreateTraffic(held: 12, refused: 0) }
        #expect(recreate.tick(at: 0) == [.saveProgress, .scale(version: "v1", replicas: 0), .route(Self.weights(0, 100))])
        #expect(recreate.supervisor.instances.of("v1").draining == 2)
        // v1 is draining: v2 is not started yet.
        #expect(Harness.scales(recreate.tick(at: 0.5)) == [.scale(version: "v1", replicas: 0)])
        recreate.supervisor.finishDraining("v1")
        #expect(Harness.scales(recreate.tick(at: 1)) == [.scale(version: "v1", replicas: 0), .scale(version: "v2", replicas: 2)])
        #expect(recreate.progress?.toStartedAt == recreate.start + 1)
        recreate.supervisor.makeReady("v2", at: recreate.start + 2, count: 1)
        #expect(Harness.commands(recreate.tick(at: 2.4)) == [])
        #expect(abs((recreate.progress?.gap ?? 0) - 2.4) < 1e-9)
        recreate.supervisor.makeReady("v2", at: recreate.start + 3)
        let reason = "recreate: v1 stopped, v2 ready after a gap of 2.4 s; 12 requests held, 0 refused"
        #expect(Harness.commands(recreate.tick(at: 3)) == [.promote])
        #expect(recreate.state.phase == .promoted && recreate.release.events.last?.reason == reason)
        #expect(RecreateController.routingWeights(spec: Self.spec, state: recreate.state, progress: recreate.progress) == Self.weights(0, 100))
        #expect(Harness.commands(recreate.tick(at: 4)) == [.complete])
        #expect(recreate.state.phase == .completed)
        #expect(recreate.release.events.map(\.action) == ["start", "promote", "complete"])
    }

    @Test("without traffic counts the reason states the gap alone")
    func gapWithoutTraffic() {
        var recreate = Self.harness()
        recreate.tick(at: 0)
        recreate.supervisor.finishDraining("v1")
        recreate.tick(at: 1)
        recreate.supervisor.makeReady("v2", at: recreate.start + 7)
        recreate.tick(at: 7.25)
        #expect(recreate.state.phase == .promoted)
        #expect(recreate.release.events.last?.reason == "recreate: v1 stopped, v2 ready after a gap of 7.3 s")
    }

    @Test("v2 not ready within progress_deadline aborts: v2 stopped, v1 started again and routed to")
    func deadlineAborts() {
        var recreate = Self.harness()
        recreate.tick(at: 0)
        recreate.supervisor.finishDraining("v1")
        recreate.tick(at: 1)
        recreate.supervisor.makeReady("v2", at: recreate.start + 10, count: 1)
        #expect(Harness.commands(recreate.tick(at: 59)) == [])
        let reason = "1 of 2 instances of v2 not ready after 1m (progress_deadline 1m); starting v1 again"
        #expect(Harness.commands(recreate.tick(at: 60)) == [.abort(reason: reason)])
        #expect(recreate.state.phase == .aborted && recreate.release.events.last?.reason == reason)
        let rollback = recreate.tick(at: 61)
        #expect(Harness.scales(rollback) == [.scale(version: "v1", replicas: 2), .scale(version: "v2", replicas: 0)])
        #expect(recreate.shares == Self.weights(100, 0))
        recreate.supervisor.finishDraining("v2")
        recreate.supervisor.makeReady("v1", at: recreate.start + 62)
        #expect(recreate.tick(at: 63) == [])
    }

    @Test("a crash-looping v2 aborts at once")
    func crashLoop() {
        var recreate = Self.harness()
        recreate.tick(at: 0)
        recreate.supervisor.finishDraining("v1")
        recreate.tick(at: 1)
        recreate.supervisor.instances["v2"]?.crashLooping = true
        #expect(Harness.commands(recreate.tick(at: 5)) == [.abort(reason: "v2 is crash-looping; starting v1 again")])
    }

    @Test("a pause holds the instances as they are and keeps the gap's times; resume goes on")
    func pauseAndResume() {
        var recreate = Self.harness()
        recreate.tick(at: 0)
        recreate.release.now = recreate.start + 0.5
        recreate.release.apply(.pause)
        recreate.supervisor.finishDraining("v1")
        let paused = recreate.tick(at: 1)
        #expect(Harness.scales(paused) == [] && recreate.shares == Self.weights(0, 100))
        recreate.release.now = recreate.start + 2
        recreate.release.apply(.resume)
        #expect(Harness.scales(recreate.tick(at: 3)) == [.scale(version: "v1", replicas: 0), .scale(version: "v2", replicas: 2)])
        recreate.supervisor.makeReady("v2", at: recreate.start + 4)
        recreate.tick(at: 4)
        #expect(recreate.release.events.last?.reason == "recreate: v1 stopped, v2 ready after a gap of 4.0 s")
    }

    @Test("a retry after an abort starts afresh")
    func retryStartsAfresh() {
        var recreate = Self.harness()
        recreate.tick(at: 0)
        recreate.supervisor.instances["v2"] = InstanceCounts(crashLooping: true)
        recreate.tick(at: 1)
        #expect(recreate.state.phase == .aborted)
        recreate.supervisor.instances["v2"] = InstanceCounts.none
        recreate.tick(at: 2)
        recreate.release.now = recreate.start + 10
        recreate.release.apply(.retry)
        recreate.tick(at: 11)
        #expect(recreate.progress?.startedAt == recreate.start + 10 && recreate.progress?.fromStoppedAt == recreate.start + 11)
        #expect(recreate.progress?.abortedAt == nil)
    }
}
