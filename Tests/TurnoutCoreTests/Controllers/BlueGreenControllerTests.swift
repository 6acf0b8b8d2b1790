import Testing
import TurnoutCore

/// The blue-green controller as a pure state machine on a fake clock, its commands applied
/// through the real ``ReleaseLifecycle``. Times are seconds after the release started.
@Suite("Blue-green controller")
struct BlueGreenControllerTests {
    /// blue (v1) answers, green (v2) is prepared: one smoke test, pre-promotion on all traffic,
    /// a one-minute watch analysed every 30s, a ten-minute rollback window.
    static func spec(smoke: Bool = true, prePromotion: Bool = true, autoPromote: Bool = true, rollbackWindow: Double = 600) -> BlueGreenSpec {
        BlueGreenSpec(
            active: "v1", preview: "v2",
            smoke: smoke ? [BlueGreenSpec.SmokeTest(request: "smoke/request.json")] : [],
            prePromotion: prePromotion ? BlueGreenSpec.PrePromotion() : nil,
            autoPromote: autoPromote,
            postPromotion: BlueGreenSpec.PostPromotion(window: 60, analysis: CanaryAnalysisSpec(interval: 30, stepTimeout: 300)),
            rollbackWindow: rollbackWindow
        )
    }

    static let smokeFailed = CheckOutcome.fail(reason: "smoke/request.json answered 500, expected 200")

    /// Runs a release through passing smoke tests and a passing pre-promotion analysis: switched at 30s.
    static func switched(_ spec: BlueGreenSpec = spec()) -> BlueGreenHarness {
        var release = BlueGreenHarness(spec)
        release.tick(at: 0, BlueGreenInputs(smoke: .pass))
        release.tick(at: 30, BlueGreenInputs(prePromotion: .pass))
        return release
    }

    @Test("a failed smoke test pauses the release and it never switches on its own")
    func smokeFailureBlocksSwitch() {
        var release = BlueGreenHarness(Self.spec())
        let start = release.plan(at: 0)
        #expect(start.runSmoke && start.mirrorPercent == 100 && !start.evaluatePrePromotion && start.keepActiveReady)
        let failed = release.tick(at: 0, BlueGreenInputs(smoke: Self.smokeFailed))
        #expect(failed.command == .pause)
        #expect(failed.reason == "smoke tests failed against v2: smoke/request.json answered 500, expected 200; not switching from v1")
        #expect(release.state.phase == .paused)
        #expect(BlueGreenController.liveVersion(spec: release.spec, state: release.state) == "v1")
        let paused = release.plan(at: 30)
        #expect(!paused.runSmoke && paused.mirrorPercent == 0 && !paused.evaluatePrePromotion)
        #expect(release.tick(at: 60, BlueGreenInputs(smoke: .pass, prePromotion: .pass)).command == nil)
        #expect(release.tick(at: 3_600).command == nil)
        #expect(release.release.events.map(\.action) == ["start", "pause"])
    }

    @Test("a preview the smoke tests cannot reach is tried again, and paused at step_timeout")
    func unreachablePreviewPausesAtTimeout() {
        var release = BlueGreenHarness(Self.spec())
        let down = CheckOutcome.inconclusive(reason: "connection refused")
        let first = release.tick(at: 0, BlueGreenInputs(smoke: down))
        #expect(first.command == nil && first.reason.hasSuffix("; trying again"))
        #expect(release.tick(at: 270, BlueGreenInputs(smoke: down)).command == nil)
        let paused = release.tick(at: 300, BlueGreenInputs(smoke: down))
        #expect(paused.command == .pause, "\(paused.reason)")
        #expect(paused.reason.contains("step_timeout 5m"), "\(paused.reason)")
        #expect(release.state.phase == .paused)
    }

    @Test("a resumed release runs its smoke tests again")
    func resumeRerunsSmoke() {
        var release = BlueGreenHarness(Self.spec())
        release.tick(at: 0, BlueGreenInputs(smoke: Self.smokeFailed))
        release.at(100)
        release.release.apply(.resume)
        #expect(release.plan(at: 100).runSmoke)
        #expect(release.tick(at: 100, BlueGreenInputs(smoke: .pass)).command == nil)
        #expect(!release.plan(at: 130).runSmoke && release.plan(at: 130).evaluatePrePromotion)
    }

    @Test("smoke tests that cannot run yet are tried again every analysis interval")
    func smokeRetried() {
        var release = BlueGreenHarness(Self.spec())
        let retry = release.tick(at: 0, BlueGreenInputs(smoke: .inconclusive(reason: "connection refused")))
        #expect(retry.command == nil && retry.reason.contains("connection refused"))
        #expect(!release.plan(at: 29).runSmoke)
        #expect(release.plan(at: 30).runSmoke)
        #expect(release.state.phase == .progressing)
    }

    @Test("with smoke tests and pre-promotion passed, auto_promote switches every request to the preview")
    func autoPromoteSwitches() {
        var release = BlueGreenHarness(Self.spec())
        let waiting = release.tick(at: 0, BlueGreenInputs(smoke: .pass))
        #expect(waiting.command == nil && waiting.reason.contains("waiting for the pre-promotion analysis"))
        #expect(!release.plan(at: 29).evaluatePrePromotion)
        let due = release.plan(at: 30)
        #expect(due.evaluatePrePromotion && !due.runSmoke && due.mirrorPercent == 100)
        let switchOver = release.tick(at: 30, BlueGreenInputs(prePromotion: .pass))
        #expect(switchOver.command == .promoteFull)
        #expect(switchOver.reason == "smoke tests and pre-promotion analysis passed; switching all traffic from v1 to v2")
        #expect(release.state.phase == .promoted && release.state.promotedAt == 10_030)
        #expect(BlueGreenController.liveVersion(spec: release.spec, state: release.state) == "v2")
        #expect(BlueGreenController.routingWeights(spec: release.spec, state: release.state) == [
            VersionWeight(version: "v1", weight: 0), VersionWeight(version: "v2", weight: 100),
        ])
        let after = release.plan(at: 31)
        #expect(after.mirrorPercent == 0 && !after.analyzePostPromotion && after.keepActiveReady)
        #expect(release.plan(at: 60).analyzePostPromotion)
    }

    @Test("without smoke tests or pre-promotion analysis the release switches at once")
    func nothingToCheckSwitches() {
        var release = BlueGreenHarness(Self.spec(smoke: false, prePromotion: false))
        let plan = release.plan(at: 0)
        #expect(!plan.runSmoke && plan.mirrorPercent == 0 && !plan.evaluatePrePromotion)
        #expect(release.tick(at: 0).command == .promoteFull)
    }

    @Test("auto_promote: false waits for a human once everything passed")
    func manualPromotionWaits() {
        var release = BlueGreenHarness(Self.spec(autoPromote: false))
        release.tick(at: 0, BlueGreenInputs(smoke: .pass))
        let ready = release.tick(at: 30, BlueGreenInputs(prePromotion: .pass))
        #expect(ready.command == nil && ready.reason.contains("waiting for turnout promote (auto_promote: false)"))
        #expect(release.tick(at: 3_600).command == nil)
        let plan = release.plan(at: 3_600)
        #expect(!plan.evaluatePrePromotion && plan.mirrorPercent == 0 && !plan.runSmoke)
        #expect(release.state.phase == .progressing)
        release.release.apply(.promote)
        #expect(release.state.phase == .promoted)
        #expect(BlueGreenController.liveVersion(spec: release.spec, state: release.state) == "v2")
    }

    @Test("a failed pre-promotion analysis pauses before the switch")
    func prePromotionFailurePauses() {
        var release = BlueGreenHarness(Self.spec())
        release.tick(at: 0, BlueGreenInputs(smoke: .pass))
        let failed = release.tick(at: 30, BlueGreenInputs(prePromotion: .fail(reason: "p99 2.1x of v1, at most 1.5x")))
        #expect(failed.command == .pause && failed.reason.contains("p99 2.1x of v1"))
        #expect(BlueGreenController.liveVersion(spec: release.spec, state: release.state) == "v1")
    }

    @Test("a pre-promotion analysis inconclusive for step_timeout pauses, or waits with inconclusive: wait")
    func prePromotionInconclusive() {
        let thin = BlueGreenInputs(prePromotion: .inconclusive(reason: "12 pairs of 200"))
        var release = BlueGreenHarness(Self.spec())
        release.tick(at: 0, BlueGreenInputs(smoke: .pass))
        for time in stride(from: 30.0, through: 270, by: 30) {
            #expect(release.tick(at: time, thin).command == nil)
        }
        #expect(release.tick(at: 300, thin).command == .pause)

        var spec = Self.spec()
        spec.postPromotion.analysis.inconclusive = .wait
        var waiting = BlueGreenHarness(spec)
        waiting.tick(at: 0, BlueGreenInputs(smoke: .pass))
        for time in stride(from: 30.0, through: 3_600, by: 30) {
            #expect(waiting.tick(at: time, thin).command == nil)
        }
        #expect(waiting.state.phase == .progressing)
    }

    @Test("a failing post-promotion check switches back to the active version at once")
    func postPromotionFailureRollsBack() {
        var release = Self.switched()
        #expect(release.state.phase == .promoted)
        let back = release.tick(at: 60, BlueGreenInputs(postPromotion: Checks.errorsUp))
        #expect(back.command == .rollback)
        #expect(back.reason.contains("error_rate: canary 4.1% against stable 0.2%") && back.reason.hasSuffix("switching back to v1"))
        #expect(release.state.phase == .aborted && release.release.events.last?.action == "rollback")
        #expect(release.release.events.last?.reason == back.reason)
        #expect(BlueGreenController.liveVersion(spec: release.spec, state: release.state) == "v1")
    }

    @Test("a failure after the rollback window closed still switches back, as an abort")
    func postPromotionFailureAfterWindowAborts() {
        var release = Self.switched(Self.spec(rollbackWindow: 20))
        let back = release.tick(at: 60, BlueGreenInputs(postPromotion: Checks.errorsUp))
        #expect(back.command?.action == .abort)
        #expect(release.state.phase == .aborted)
        #expect(BlueGreenController.liveVersion(spec: release.spec, state: release.state) == "v1")
    }

    @Test("the release completes once the window passed without failing checks; inconclusive checks do not hold it")
    func windowOverCompletes() {
        var release = Self.switched()
        #expect(release.tick(at: 60, BlueGreenInputs(postPromotion: Checks.pass)).command == nil)
        #expect(release.tick(at: 89).command == nil)
        let done = release.tick(at: 90, BlueGreenInputs(postPromotion: Checks.noTraffic))
        #expect(done.command == .complete)
        #expect(release.state.phase == .completed)
        #expect(BlueGreenController.liveVersion(spec: release.spec, state: release.state) == "v2")
    }

    @Test("within the rollback window the active version stays ready and rollback is allowed; after it, refused")
    func rollbackWindow() {
        var release = Self.switched()
        release.tick(at: 90)
        #expect(release.state.phase == .completed && release.state.rollbackWindow == 600)
        #expect(release.plan(at: 630).keepActiveReady)
        #expect(!release.plan(at: 631).keepActiveReady)

        var late = release
        late.at(631)
        let refused = ReleaseLifecycle.apply(.rollback, to: late.state, actor: "operator", now: late.now)
        #expect(refused == .failure(.rollbackWindowClosed(model: "m", elapsed: 601, window: 600)))

        release.at(630)
        release.release.apply(.rollback)
        #expect(release.state.phase == .aborted)
        #expect(BlueGreenController.liveVersion(spec: release.spec, state: release.state) == "v1")
    }

    // MARK: The step, as the gateway drives it

    @Test("a step asks for what the plan wants run, then carries out the decision on the outcomes")
    func stepAsksThenDecides() throws {
        var release = BlueGreenHarness(Self.spec())
        release.at(0)
        let start = release.now
        let smoke = BlueGreenController.step(spec: release.spec, state: release.state, progress: nil, inputs: nil, now: start)
        #expect(smoke.actions == [.runSmoke])
        let smoked = BlueGreenController.step(spec: release.spec, state: release.state, progress: smoke.progress, inputs: BlueGreenInputs(smoke: .pass), now: start)
        let smokeDecision = BlueGreenController.decide(spec: release.spec, state: release.state, progress: smoke.progress, inputs: BlueGreenInputs(smoke: .pass), now: start)
        #expect(smoked.progress == smokeDecision.progress)
        #expect(smoked.actions == [.saveProgress, .recordAnalysis(decision: smokeDecision.reason)])

        let mirrored = BlueGreenController.step(spec: release.spec, state: release.state, progress: smoked.progress, inputs: nil, now: start + 30)
        #expect(mirrored.actions == [.judgeMirroredTraffic])
        let inputs = BlueGreenInputs(prePromotion: .pass)
        let switching = BlueGreenController.step(spec: release.spec, state: release.state, progress: mirrored.progress, inputs: inputs, now: start + 30)
        let decision = BlueGreenController.decide(spec: release.spec, state: release.state, progress: mirrored.progress, inputs: inputs, now: start + 30)
        let command = try #require(decision.command)
        #expect(command == .promoteFull)
        #expect(switching.actions == [.saveProgress, .recordAnalysis(decision: decision.reason), .apply(command, reason: decision.reason)])
    }

    @Test("after the switch, a step compares the preview with the active version's traffic before it")
    func stepComparesWithBeforeTheSwitch() throws {
        let release = Self.switched()
        let switchedAt = try #require(release.state.promotedAt)
        let due = BlueGreenController.step(spec: release.spec, state: release.state, progress: release.progress, inputs: nil, now: switchedAt + 30)
        #expect(due.actions == [.compareVersions(since: switchedAt, baselineBefore: switchedAt)])
    }

    @Test("with nothing to run, a step decides at once and records no analysis")
    func stepWithNothingToRun() throws {
        var release = BlueGreenHarness(Self.spec(smoke: false, prePromotion: false))
        release.at(0)
        let step = BlueGreenController.step(spec: release.spec, state: release.state, progress: nil, inputs: nil, now: release.now)
        #expect(!step.needsObservations)
        #expect(!step.actions.contains { if case .recordAnalysis = $0 { true } else { false } })
        guard case .apply(.promoteFull, _)? = step.actions.last else {
            Issue.record("expected the switch, got \(step.actions)")
            return
        }
    }
}
