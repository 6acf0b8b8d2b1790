import Testing
import TurnoutCore

/// The rolling controller as a pure state machine on a fake clock, its commands applied
/// through the real ``ReleaseLifecycle`` and its scaling through a fake supervisor. Times are
/// seconds after the release started.
@Suite("Rolling controller")
struct RollingControllerTests {
    typealias Harness = InstanceReleaseHarness<RollingProgress>

    static func harness(_ spec: RollingSpec, replicas: RolloutReplicas) -> Harness {
        Harness(from: spec.from, to: spec.to, fromReplicas: replicas.from) { state, progress, instances, checks, now in
            RollingController.step(spec: spec, state: state, progress: progress, replicas: replicas, instances: instances, checks: checks, now: now)
        }
    }

    static func weights(_ old: Double, _ new: Double) -> [VersionWeight] {
        [VersionWeight(version: "v1", weight: old), VersionWeight(version: "v2", weight: new)]
    }

    /// Ticks once a second with every new instance ready right after each tick, returning the
    /// (old, new) counts after each tick until the controller promotes.
    static func rollOut(_ rolling: inout Harness, minAvailable: Int, maxTotal: Int, sourceLocation: SourceLocation = #_sourceLocation) -> [FakeSupervisor.Pair] {
        var sequence: [FakeSupervisor.Pair] = []
        for second in 0..<30 {
            let actions = rolling.tick(at: Double(second), sourceLocation: sourceLocation)
            if Harness.commands(actions) == [.promote] { return sequence }
            let ready = rolling.supervisor.instances.of("v1").ready + rolling.supervisor.instances.of("v2").ready
            #expect(ready >= minAvailable, "fewer than \(minAvailable) available at \(rolling.counts)", sourceLocation: sourceLocation)
            #expect(rolling.counts.old + rolling.counts.new <= maxTotal, "more than \(maxTotal) at \(rolling.counts)", sourceLocation: sourceLocation)
            sequence.append(rolling.counts)
            rolling.supervisor.makeReady("v2", at: rolling.release.now)
        }
        Issue.record("never promoted", sourceLocation: sourceLocation)
        return sequence
    }

    @Test("3 replicas at 25%/25% (surge 1, unavailable 0): one new up, one old down, as the nginx example of the Kubernetes docs")
    func threeReplicas() {
        var rolling = Self.harness(RollingSpec(from: "v1", to: "v2"), replicas: RolloutReplicas(from: 3, to: 3))
        let sequence = Self.rollOut(&rolling, minAvailable: 3, maxTotal: 4)
        #expect(sequence.map(\.description) == ["(3, 1)", "(2, 1)", "(2, 2)", "(1, 2)", "(1, 3)", "(0, 3)"])
        #expect(rolling.state.phase == .promoted)
        #expect(rolling.release.events.last?.reason == "v2 has 3 available instances and v1 none after 3 batches; promoting")
        #expect(Harness.commands(rolling.tick(at: 40)) == [.complete])
        #expect(rolling.state.phase == .completed)
        #expect(rolling.release.events.last?.reason == "v2 runs 3 available instances and v1 none; completed")
        // Only the progress of the completed revision is kept; nothing is scaled or routed any more.
        #expect(rolling.tick(at: 41) == [.saveProgress])
        #expect(rolling.tick(at: 42).isEmpty)
    }

    @Test("10 replicas at 25%/25% (surge 3, unavailable 2): a Deployment's scale-up and scale-down pairs, one pair per tick")
    func tenReplicas() {
        var rolling = Self.harness(RollingSpec(from: "v1", to: "v2"), replicas: RolloutReplicas(from: 10, to: 10))
        let sequence = Self.rollOut(&rolling, minAvailable: 8, maxTotal: 13)
        // The Deployment controller scales the new set up to 13 in all, (10, 3), then the old one
        // down to 8 available, (8, 3); as new pods become available: (8, 5) (5, 5), (5, 8) (3, 8),
        // (3, 10) (0, 10). Each tick here reconciles both sets, so it shows every second pair.
        #expect(sequence.map(\.description) == ["(8, 3)", "(5, 5)", "(3, 8)", "(0, 10)"])
        #expect(rolling.state.phase == .promoted)
    }

    @Test("each tick scales both versions and routes in proportion to the ready instances")
    func actionsAndRouting() {
        var rolling = Self.harness(RollingSpec(from: "v1", to: "v2", maxSurge: .count(1), maxUnavailable: .count(0)), replicas: RolloutReplicas(from: 3, to: 3))
        let first = rolling.tick(at: 0)
        #expect(first == [.saveProgress, .scale(version: "v1", replicas: 3), .scale(version: "v2", replicas: 1), .route(Self.weights(3, 0))])
        rolling.supervisor.makeReady("v2", at: rolling.release.now)
        #expect(Harness.scales(rolling.tick(at: 1)) == [.scale(version: "v1", replicas: 2), .scale(version: "v2", replicas: 1)])
        #expect(rolling.shares == Self.weights(3, 1))
        rolling.tick(at: 2)
        #expect(rolling.shares == Self.weights(2, 1))
        #expect(RollingController.routingWeights(spec: RollingSpec(from: "v1", to: "v2"), instances: [:], fallback: "v1") == Self.weights(100, 0))
    }

    @Test("min_ready: a new instance counts as available only after it has been ready that long")
    func minReady() {
        var rolling = Self.harness(RollingSpec(from: "v1", to: "v2", minReady: 5), replicas: RolloutReplicas(from: 3, to: 3))
        rolling.tick(at: 0)
        #expect(rolling.counts.description == "(3, 1)")
        rolling.supervisor.makeReady("v2", at: rolling.start + 1)
        rolling.tick(at: 5.5)
        #expect(rolling.counts.description == "(3, 1)")
        rolling.tick(at: 6)
        #expect(rolling.counts.description == "(2, 1)")
    }

    @Test("a batch not available within progress_deadline rolls back on its own, never below the available minimum")
    func deadlineRollsBack() {
        let spec = RollingSpec(from: "v1", to: "v2", maxSurge: .percent(100), maxUnavailable: .count(0), progressDeadline: 300)
        var rolling = Self.harness(spec, replicas: RolloutReplicas(from: 3, to: 3))
        rolling.tick(at: 0)
        #expect(rolling.counts.description == "(3, 3)")
        rolling.supervisor.makeReady("v2", at: rolling.start + 5, count: 1)
        rolling.tick(at: 10)
        #expect(rolling.counts.description == "(2, 3)")
        #expect(Harness.commands(rolling.tick(at: 299)) == [])
        let abort = "2 of 3 new instances of v2 not available after 5m (progress_deadline 5m) at batch 1; rolling back to v1"
        #expect(Harness.commands(rolling.tick(at: 300)) == [.abort(reason: abort)])
        #expect(rolling.state.phase == .aborted && rolling.release.events.last?.reason == abort)
        // In reverse: v1 back to 3 at once, v2 keeps its one available instance until v1 is available.
        rolling.tick(at: 301)
        #expect(rolling.counts.description == "(3, 1)")
        #expect(rolling.supervisor.instances.of("v1").ready + rolling.supervisor.instances.of("v2").ready == 3)
        rolling.supervisor.makeReady("v1", at: rolling.start + 302)
        rolling.tick(at: 303)
        #expect(rolling.counts.description == "(3, 0)")
        #expect(rolling.tick(at: 304).isEmpty)
    }

    @Test("retry after a rollback starts the batches again from the original counts")
    func retryAfterRollback() {
        var rolling = Self.harness(RollingSpec(from: "v1", to: "v2", progressDeadline: 60), replicas: RolloutReplicas(from: 3, to: 3))
        rolling.tick(at: 0)
        rolling.tick(at: 60)
        #expect(rolling.state.phase == .aborted)
        rolling.tick(at: 61)
        #expect(rolling.counts.description == "(3, 0)")
        rolling.release.now = rolling.start + 100
        rolling.release.apply(.retry)
        rolling.tick(at: 101)
        #expect(rolling.counts.description == "(3, 1)")
        #expect(rolling.progress?.batch == 2 && rolling.progress?.batchStartedAt == rolling.start + 101)
    }

    @Test("a crash-looping new version rolls back at once")
    func crashLoop() {
        var rolling = Self.harness(RollingSpec(from: "v1", to: "v2"), replicas: RolloutReplicas(from: 3, to: 3))
        rolling.tick(at: 0)
        rolling.supervisor.instances["v2"]?.crashLooping = true
        let reason = "v2 is crash-looping at batch 1; rolling back to v1"
        #expect(Harness.commands(rolling.tick(at: 20)) == [.abort(reason: reason)])
        rolling.tick(at: 21)
        #expect(rolling.counts.description == "(3, 0)")
    }

    static let analysed = RollingSpec(
        from: "v1", to: "v2", maxSurge: .count(1), maxUnavailable: .count(0),
        analysis: CanaryAnalysisSpec(interval: 30, failureLimit: 0, inconclusive: .pause, stepTimeout: 60)
    )

    @Test("with analysis, a batch's passing analysis starts the next batch")
    func analysisPassAdvances() {
        var rolling = Self.harness(Self.analysed, replicas: RolloutReplicas(from: 3, to: 3))
        rolling.tick(at: 0)
        rolling.supervisor.makeReady("v2", at: rolling.start + 1)
        rolling.tick(at: 10)
        // The batch's instance is available, so v1 goes down; v2 waits for the analysis.
        #expect(rolling.counts.description == "(2, 1)")
        rolling.tick(at: 20)
        #expect(rolling.counts.description == "(2, 1)")
        rolling.tick(at: 30, checks: Checks.pass)
        #expect(rolling.comparisons == [0])
        #expect(rolling.counts.description == "(2, 2)")
        #expect(rolling.progress?.batch == 2 && rolling.progress?.batchPassed == false)
    }

    @Test("a batch failing its analysis beyond failure_limit rolls back")
    func analysisFailRollsBack() throws {
        var rolling = Self.harness(Self.analysed, replicas: RolloutReplicas(from: 3, to: 3))
        rolling.tick(at: 0)
        rolling.supervisor.makeReady("v2", at: rolling.start + 1)
        rolling.tick(at: 10)
        let actions = rolling.tick(at: 30, checks: Checks.errorsUp)
        guard case .abort(let reason) = try #require(Harness.commands(actions).first) else {
            Issue.record("expected an abort, got \(actions)")
            return
        }
        #expect(reason == "v2 failed analysis at batch 1 once, more than failure_limit 0: error_rate: canary 4.1% against stable 0.2%, more than 0.5% higher; rolling back to v1")
        #expect(rolling.state.phase == .aborted)
        rolling.tick(at: 31)
        #expect(rolling.counts.description == "(3, 1)")
        rolling.supervisor.makeReady("v1", at: rolling.start + 32)
        rolling.tick(at: 33)
        #expect(rolling.counts.description == "(3, 0)")
    }

    @Test("an analysis inconclusive for step_timeout pauses; the paused release holds its counts; resume goes on")
    func inconclusivePausesAndResumes() {
        var rolling = Self.harness(Self.analysed, replicas: RolloutReplicas(from: 3, to: 3))
        rolling.tick(at: 0)
        rolling.supervisor.makeReady("v2", at: rolling.start + 1)
        rolling.tick(at: 10)
        #expect(Harness.commands(rolling.tick(at: 30, checks: Checks.noTraffic)) == [])
        #expect(Harness.commands(rolling.tick(at: 60, checks: Checks.noTraffic)) == [.pause])
        #expect(rolling.state.phase == .paused)
        let paused = rolling.tick(at: 90)
        #expect(Harness.scales(paused) == [] && paused.contains(.route(Self.weights(2, 1))))
        #expect(rolling.counts.description == "(2, 1)")
        rolling.release.now = rolling.start + 100
        rolling.release.apply(.resume)
        // Resuming restarts the batch's analysis window from the resume.
        rolling.tick(at: 110)
        rolling.tick(at: 130, checks: Checks.pass)
        #expect(rolling.comparisons == [0, 0, 100])
        #expect(rolling.counts.description == "(2, 2)")
    }

    @Test("pause holds the counts even when instances become available; resume continues")
    func pauseAndResume() {
        var rolling = Self.harness(RollingSpec(from: "v1", to: "v2"), replicas: RolloutReplicas(from: 3, to: 3))
        rolling.tick(at: 0)
        rolling.release.now = rolling.start + 1
        rolling.release.apply(.pause)
        rolling.supervisor.makeReady("v2", at: rolling.start + 2)
        #expect(Harness.scales(rolling.tick(at: 5)) == [])
        #expect(rolling.counts.description == "(3, 1)" && rolling.shares == Self.weights(3, 1))
        rolling.release.now = rolling.start + 6
        rolling.release.apply(.resume)
        rolling.tick(at: 7)
        #expect(rolling.counts.description == "(2, 1)")
    }

    @Test("turnout promote finishes the rollout at once: every new instance, the old drained as they become available")
    func manualPromote() {
        var rolling = Self.harness(RollingSpec(from: "v1", to: "v2"), replicas: RolloutReplicas(from: 3, to: 3))
        rolling.tick(at: 0)
        rolling.release.now = rolling.start + 1
        rolling.release.apply(.promote)
        #expect(rolling.state.phase == .promoted)
        rolling.tick(at: 2)
        #expect(rolling.counts.description == "(3, 3)")
        rolling.supervisor.makeReady("v2", at: rolling.start + 3, count: 2)
        rolling.tick(at: 4)
        // Two of three new instances available: one old one keeps the three available.
        #expect(rolling.counts.description == "(1, 3)")
        #expect(rolling.shares == Self.weights(3, 2))
        rolling.supervisor.makeReady("v2", at: rolling.start + 5)
        #expect(Harness.commands(rolling.tick(at: 6)) == [])
        #expect(rolling.counts.description == "(0, 3)")
        #expect(Harness.commands(rolling.tick(at: 7)) == [.complete])
    }

    @Test("draining instances of the old version hold the completion until they are gone")
    func drainingHoldsCompletion() {
        var rolling = Self.harness(RollingSpec(from: "v1", to: "v2", maxSurge: .count(1), maxUnavailable: .count(1)), replicas: RolloutReplicas(from: 1, to: 1))
        rolling.supervisor.drains = true
        rolling.tick(at: 0)
        #expect(rolling.counts.description == "(0, 1)")
        rolling.supervisor.makeReady("v2", at: rolling.start + 1)
        #expect(Harness.commands(rolling.tick(at: 2)) == [])
        rolling.supervisor.finishDraining("v1")
        #expect(Harness.commands(rolling.tick(at: 3)) == [.promote])
    }

    @Test("a restart without stored progress continues from the instances the supervisor runs")
    func restartFromInstances() {
        var rolling = Self.harness(RollingSpec(from: "v1", to: "v2"), replicas: RolloutReplicas(from: 3, to: 3))
        rolling.tick(at: 0)
        rolling.supervisor.makeReady("v2", at: rolling.start + 1)
        rolling.tick(at: 2)
        #expect(rolling.counts.description == "(2, 1)")
        rolling.progress = nil
        rolling.tick(at: 3)
        #expect(rolling.counts.description == "(2, 2)")
        #expect(rolling.progress?.originalFrom == 3)
    }
}
