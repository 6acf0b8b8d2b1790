import Testing
import TurnoutCore

@Suite("Release lifecycle")
struct ReleaseLifecycleTests {
    static func start(steps: Int? = nil, spec: ReleaseSpec = LifecycleFixtures.split, window: Double? = 600) -> ReleaseState {
        ReleaseLifecycle.start(
            model: "breast-cancer", spec: spec, stepCount: steps, previousStable: "v1",
            rollbackWindow: window, actor: "alice", now: 100
        ).state
    }

    static func apply(_ command: LifecycleCommand, _ state: ReleaseState, at now: Double = 200, reason: String? = nil) throws -> ReleaseState {
        try ReleaseLifecycle.apply(command, to: state, actor: "controller", now: now, reason: reason).get().state
    }

    @Test("strategies without steps are one step: promote promotes them", arguments: [
        ReleaseSpec.single(version: "v2"),
        LifecycleFixtures.split,
        ReleaseSpec.flag(key: "model-version", fallback: "v1"),
    ])
    func oneStepStrategies(spec: ReleaseSpec) throws {
        let started = Self.start(spec: spec)
        #expect(started.stepCount == 1)
        #expect(started.step == 0)
        let promoted = try Self.apply(.promote, started)
        #expect(promoted.phase == .promoted)
        #expect(promoted.step == 1)
        #expect(promoted.promotedAt == 200)
    }

    @Test("an opened before_start gate is its own transition: same phase and step, next revision; only a progressing release")
    func startGateOpened() throws {
        let started = Self.start(steps: 3)
        let opened = try #require(ReleaseLifecycle.openStartGate(started, actor: "controller", now: 130, reason: "gate before_start answered 200"))
        #expect(opened.state.phase == .progressing)
        #expect(opened.state.step == started.step)
        #expect(opened.state.revision == started.revision + 1)
        #expect(opened.state.updatedAt == 130)
        #expect(opened.event.action == "start_gate_opened")
        #expect(opened.event.from == .progressing && opened.event.to == .progressing)
        let paused = try Self.apply(.pause, started)
        #expect(ReleaseLifecycle.openStartGate(paused, actor: "controller", now: 130, reason: "") == nil)
    }

    @Test("a new release starts progressing at step 0, revision 1, with a start event")
    func start() {
        let transition = ReleaseLifecycle.start(
            model: "breast-cancer", spec: .single(version: "v2"), previousStable: "v1", actor: "alice", now: 42
        )
        #expect(transition.state.phase == .progressing)
        #expect(transition.state.step == 0)
        #expect(transition.state.revision == 1)
        #expect(transition.state.updatedAt == 42)
        #expect(transition.event.action == "start")
        #expect(transition.event.from == nil)
        #expect(transition.event.to == .progressing)
        #expect(transition.event.actor == "alice")
    }

    @Test("a release that replaces another continues its revision and records its phase")
    func startReplacing() {
        var old = LifecycleFixtures.state(in: .completed)
        old.revision = 12
        let transition = ReleaseLifecycle.start(
            model: "breast-cancer", spec: .single(version: "v3"), previousStable: "v2",
            replacing: old, actor: "alice", now: 42
        )
        #expect(transition.state.revision == 13)
        #expect(transition.event.from == .completed)
    }

    @Test("a step count below one counts as one", arguments: [0, -3])
    func stepCountClamp(steps: Int) {
        #expect(Self.start(steps: steps).stepCount == 1)
    }

    @Test("promote walks every step, then promotes; each change bumps the revision by one")
    func walkSteps() throws {
        var state = Self.start(steps: 4)
        var seen: [(ReleasePhase, Int, Int)] = []
        for time in 1...4 {
            state = try Self.apply(.promote, state, at: 100 + Double(time))
            seen.append((state.phase, state.step, state.revision))
        }
        #expect(seen.map(\.0) == [.progressing, .progressing, .progressing, .promoted])
        #expect(seen.map(\.1) == [1, 2, 3, 4])
        #expect(seen.map(\.2) == [2, 3, 4, 5])
        #expect(state.promotedAt == 104)
        #expect(state.updatedAt == 104)
        state = try Self.apply(.complete, state, at: 105)
        #expect(state.phase == .completed)
        #expect(state.revision == 6)
    }

    @Test("promote from paused continues the release at the next step")
    func promoteFromPaused() throws {
        let paused = try Self.apply(.pause, Self.start(steps: 3))
        let next = try Self.apply(.promote, paused)
        #expect(next.phase == .progressing)
        #expect(next.step == 1)
    }

    @Test("promote_full skips the remaining steps from any running step", arguments: 0..<4)
    func promoteFull(step: Int) throws {
        var state = Self.start(steps: 4)
        state.step = step
        let promoted = try Self.apply(.promoteFull, state)
        #expect(promoted.phase == .promoted)
        #expect(promoted.step == 4)
    }

    @Test("retry restarts an aborted release from its first step")
    func retryResetsStep() throws {
        var state = Self.start(steps: 4)
        state = try Self.apply(.promote, state)
        state = try Self.apply(.promote, state)
        state = try Self.apply(.abort(reason: "latency p99 +40%"), state)
        #expect(state.phase == .aborted)
        #expect(state.step == 2)
        state = try Self.apply(.retry, state, at: 300)
        #expect(state.phase == .progressing)
        #expect(state.step == 0)
        #expect(state.revision == 5)
        #expect(state.updatedAt == 300)
    }

    @Test("retry after a rollback forgets the old promotion time")
    func retryAfterRollback() throws {
        var state = try Self.apply(.promoteFull, Self.start(steps: 2), at: 150)
        state = try Self.apply(.complete, state, at: 160)
        state = try Self.apply(.rollback, state, at: 170)
        #expect(state.phase == .aborted)
        #expect(state.reason == "rolled back to v1")
        state = try Self.apply(.retry, state, at: 180)
        #expect(state.promotedAt == nil)
        #expect(state.step == 0)
    }

    @Test("abort records its own reason; other commands record the given one")
    func reasons() throws {
        let started = Self.start(steps: 2)
        let aborted = try ReleaseLifecycle.apply(.abort(reason: "error rate 4% above stable"), to: started, actor: "controller", now: 1, reason: "ignored").get()
        #expect(aborted.state.reason == "error rate 4% above stable")
        #expect(aborted.event.reason == "error rate 4% above stable")
        let paused = try Self.apply(.pause, started, reason: "analysis inconclusive after step timeout")
        #expect(paused.reason == "analysis inconclusive after step timeout")
    }

    @Test("rollback needs a previous stable version", arguments: [ReleasePhase.promoted, .completed])
    func rollbackWithoutPreviousStable(phase: ReleasePhase) throws {
        var state = LifecycleFixtures.state(in: phase)
        state.previousStable = nil
        let error = try #require(throws: LifecycleError.self) {
            try ReleaseLifecycle.apply(.rollback, to: state, actor: "alice", now: LifecycleFixtures.now).get()
        }
        #expect(error.description == "cannot rollback: release of breast-cancer is \(phase.rawValue) but has no previous stable version to go back to")
    }

    @Test("rollback is allowed up to the end of the window, refused after it", arguments: [
        (600.0, true), (599.5, true), (600.5, false), (3_600.0, false),
    ])
    func rollbackWindow(elapsed: Double, allowed: Bool) throws {
        let state = LifecycleFixtures.state(in: .completed)
        let result = ReleaseLifecycle.apply(.rollback, to: state, actor: "alice", now: LifecycleFixtures.startedAt + elapsed)
        if allowed {
            #expect(try result.get().state.phase == .aborted)
        } else {
            let error = try #require(throws: LifecycleError.self) { try result.get() }
            #expect(error == .rollbackWindowClosed(model: "breast-cancer", elapsed: elapsed, window: 600))
        }
    }

    @Test("the window-closed message states both durations")
    func rollbackWindowMessage() throws {
        let state = LifecycleFixtures.state(in: .completed)
        let error = try #require(throws: LifecycleError.self) {
            try ReleaseLifecycle.apply(.rollback, to: state, actor: "alice", now: LifecycleFixtures.startedAt + 700).get()
        }
        #expect(error.description == "cannot rollback: release of breast-cancer was promoted 700s ago, past its rollback window of 600s")
    }

    @Test("without a rollback window a rollback is allowed at any time")
    func rollbackWithoutWindow() throws {
        var state = LifecycleFixtures.state(in: .completed)
        state.rollbackWindow = nil
        #expect(try Self.apply(.rollback, state, at: 1e9).phase == .aborted)
    }
}

@Suite("Lifecycle commands")
struct LifecycleCommandTests {
    @Test("a command built from its action has that action", arguments: LifecycleAction.allCases)
    func roundTrip(action: LifecycleAction) {
        #expect(LifecycleCommand(action).action == action)
    }

    @Test("an abort built from its action carries the given reason, or a manual one")
    func abortReason() {
        #expect(LifecycleCommand(.abort, reason: "smoke test failed") == .abort(reason: "smoke test failed"))
        #expect(LifecycleCommand(.abort) == .abort(reason: "aborted manually"))
    }
}
