import Foundation
import Testing
import TurnoutCore

/// The canary controller as a pure state machine on a fake clock, its commands applied through
/// the real ``ReleaseLifecycle``. Times are seconds after the release started.
@Suite("Canary controller")
struct CanaryControllerTests {
    /// 5% for 2m, 25% for 5m, 50% until its first passing analysis, then 100%: three lifecycle steps.
    static func spec(failureLimit: Int = 0, inconclusive: CanaryAnalysisSpec.InconclusiveAction = .pause, last: CanaryStep = CanaryStep(weight: 100)) -> CanarySpec {
        CanarySpec(
            stable: "v1", canary: "v2",
            steps: [CanaryStep(weight: 5, pause: 120), CanaryStep(weight: 25, pause: 300), CanaryStep(weight: 50), last],
            analysis: CanaryAnalysisSpec(interval: 30, failureLimit: failureLimit, inconclusive: inconclusive, stepTimeout: 300),
            rollbackWindow: 600
        )
    }

    static func weights(_ stable: Double, _ canary: Double) -> [VersionWeight] {
        [VersionWeight(version: "v1", weight: stable), VersionWeight(version: "v2", weight: canary)]
    }

    @Test("a step holds while its pause runs, even with passing checks, and advances on the first pass after it")
    func holdThenAdvance() {
        var canary = CanaryHarness(Self.spec())
        #expect(canary.state.stepCount == 3)
        canary.at(29)
        #expect(!CanaryController.isAnalysisDue(spec: canary.spec, state: canary.state, progress: canary.progress, now: canary.now))
        canary.at(30)
        #expect(CanaryController.isAnalysisDue(spec: canary.spec, state: canary.state, progress: canary.progress, now: canary.now))
        let first = canary.tick(at: 30, Checks.pass)
        #expect(first.command == nil && first.reason.contains("pause ends in 1m30s"))
        #expect(canary.tick(at: 60, Checks.pass).command == nil)
        #expect(canary.tick(at: 90, Checks.pass).command == nil)
        canary.at(100)
        #expect(!CanaryController.isAnalysisDue(spec: canary.spec, state: canary.state, progress: canary.progress, now: canary.now))
        let advance = canary.tick(at: 120, Checks.pass)
        #expect(advance.command == .promote)
        #expect(canary.state.step == 1 && canary.state.phase == .progressing)
        #expect(canary.release.events.last?.reason == "checks passed at step 1 of 3 (5%); advancing to step 2 of 3 (25%)")
        #expect(canary.release.events.last?.actor == "controller")
        #expect(CanaryController.routingWeights(spec: canary.spec, state: canary.state) == Self.weights(75, 25))
    }

    @Test("a healthy canary goes through every step, is promoted past the last and completes at once")
    func everyStepToCompletion() {
        var canary = CanaryHarness(Self.spec())
        #expect(canary.ticks(from: 30, through: 120, Checks.pass) == [.promote])
        // Step 2 began at 120 with a 5m pause: the pass at 420 advances, not the one at 390.
        #expect(canary.ticks(from: 150, through: 390, Checks.pass) == [])
        #expect(canary.tick(at: 420, Checks.pass).command == .promote)
        #expect(canary.state.step == 2)
        // Step 3 (50%) has no pause: its first passing analysis promotes the release.
        #expect(canary.tick(at: 449, nil).command == nil)
        let promote = canary.tick(at: 450, Checks.pass)
        #expect(promote.command == .promote && promote.reason == "checks passed at step 3 of 3 (50%); promoting v2 to 100%")
        #expect(canary.state.phase == .promoted && canary.state.promotedAt == 10_450)
        #expect(CanaryController.routingWeights(spec: canary.spec, state: canary.state) == Self.weights(0, 100))
        #expect(canary.tick(at: 451, nil).command == .complete)
        #expect(canary.state.phase == .completed)
        #expect(canary.release.events.map(\.action) == ["start", "promote", "promote", "promote", "complete"])
        #expect(canary.tick(at: 900, Checks.errorsUp).command == nil)
    }

    @Test("failures up to failure_limit hold the step; one more aborts, naming the failed check", arguments: [0, 1, 2])
    func abortBeyondFailureLimit(limit: Int) throws {
        var canary = CanaryHarness(Self.spec(failureLimit: limit))
        for failure in 0..<limit {
            let held = canary.tick(at: Double(30 * (failure + 1)), Checks.errorsUp)
            #expect(held.command == nil && held.progress.failures == failure + 1)
            #expect(canary.state.phase == .progressing)
        }
        let abort = canary.tick(at: Double(30 * (limit + 1)), Checks.errorsUp)
        guard case .abort(let reason) = abort.command else {
            Issue.record("expected an abort, got \(String(describing: abort.command))")
            return
        }
        #expect(reason.contains("error_rate: canary 4.1% against stable 0.2%, more than 0.5% higher"))
        #expect(reason.contains("failure_limit \(limit)") && !reason.contains("latency"))
        #expect(canary.state.phase == .aborted && canary.release.events.last?.reason == reason)
        #expect(CanaryController.routingWeights(spec: canary.spec, state: canary.state) == Self.weights(100, 0))
    }

    @Test("a failing analysis below the limit does not advance the step; the next pass does")
    func failureBelowLimitBlocksThatAnalysis() {
        var canary = CanaryHarness(Self.spec(failureLimit: 1))
        #expect(canary.tick(at: 120, Checks.errorsUp).command == nil)
        #expect(canary.state.step == 0)
        #expect(canary.tick(at: 150, Checks.pass).command == .promote)
    }

    @Test("an analysis inconclusive for step_timeout pauses the release (inconclusive: pause)")
    func inconclusivePauses() {
        var canary = CanaryHarness(Self.spec())
        #expect(canary.ticks(from: 30, through: 270, Checks.noTraffic) == [])
        let pause = canary.tick(at: 300, Checks.noTraffic)
        #expect(pause.command == .pause)
        #expect(pause.reason.contains("inconclusive for 5m, reaching step_timeout 5m") && pause.reason.contains("too few requests (0 of 200)"))
        #expect(canary.state.phase == .paused && canary.state.step == 0)
    }

    @Test("with inconclusive: wait the release keeps waiting, and without traffic nothing is ever promoted")
    func noTrafficNeverPromotes() {
        var canary = CanaryHarness(Self.spec(inconclusive: .wait))
        #expect(canary.ticks(from: 30, through: 7_200, Checks.noTraffic) == [])
        #expect(canary.tick(at: 7_230, []).command == nil)
        let mixed = canary.tick(at: 7_260, Checks.slowerAndThin)
        #expect(mixed.command == nil && mixed.reason.contains("still waiting (inconclusive: wait)"))
        #expect(mixed.reason.contains("latency: too few requests (150 of 200)") && !mixed.reason.contains("error_rate"))
        #expect(canary.state.phase == .progressing && canary.state.step == 0 && canary.release.events.count == 1)
        #expect(canary.tick(at: 7_290, Checks.pass).command == .promote)
    }

    @Test("a resumed release starts its step again: step_timeout counts from the resume")
    func resumeRestartsTimeout() {
        var canary = CanaryHarness(Self.spec())
        _ = canary.ticks(from: 30, through: 300, Checks.noTraffic)
        #expect(canary.state.phase == .paused)
        #expect(canary.tick(at: 330, Checks.noTraffic).command == nil)
        canary.at(400)
        canary.release.apply(.resume)
        #expect(canary.tick(at: 430, Checks.noTraffic).command == nil)
        #expect(canary.ticks(from: 460, through: 670, Checks.noTraffic) == [])
        #expect(canary.tick(at: 700, Checks.noTraffic).command == .pause)
    }

    @Test("a paused release never advances, but its users are still watched: failing checks abort it")
    func pausedIsWatched() {
        var canary = CanaryHarness(Self.spec())
        canary.at(50)
        canary.release.apply(.pause)
        canary.at(60)
        #expect(!CanaryController.isAnalysisDue(spec: canary.spec, state: canary.state, progress: canary.progress, now: canary.now))
        canary.at(80)
        #expect(CanaryController.isAnalysisDue(spec: canary.spec, state: canary.state, progress: canary.progress, now: canary.now))
        #expect(canary.tick(at: 80, Checks.pass).command == nil)
        #expect(canary.tick(at: 5_000, Checks.noTraffic).command == nil)
        #expect(canary.tick(at: 5_030, Checks.pass).command == nil)
        #expect(canary.state.phase == .paused && canary.release.events.count == 2)
        #expect(CanaryController.routingWeights(spec: canary.spec, state: canary.state) == Self.weights(95, 5))
        #expect(canary.tick(at: 5_060, Checks.errorsUp).command?.action == .abort)
        #expect(canary.state.phase == .aborted)
    }

    @Test("a manual promote starts the next step's timer at the promote")
    func manualPromoteResetsTimer() {
        var canary = CanaryHarness(Self.spec())
        #expect(canary.tick(at: 90, Checks.pass).command == nil)
        canary.at(100)
        canary.release.apply(.promote)
        #expect(canary.state.step == 1)
        canary.at(129)
        #expect(!CanaryController.isAnalysisDue(spec: canary.spec, state: canary.state, progress: canary.progress, now: canary.now))
        let held = canary.tick(at: 130, Checks.pass)
        #expect(held.command == nil && held.progress.stepStartedAt == 10_100 && held.progress.step == 1)
        #expect(canary.tick(at: 370, Checks.pass).command == nil)
        #expect(canary.tick(at: 400, Checks.pass).command == .promote)
    }

    @Test("retry after an abort restarts from the first step with no failures")
    func retryRestarts() {
        var canary = CanaryHarness(Self.spec())
        #expect(canary.tick(at: 120, Checks.pass).command == .promote)
        #expect(canary.tick(at: 150, Checks.errorsUp).command?.action == .abort)
        #expect(canary.state.phase == .aborted && canary.state.step == 1)
        #expect(canary.tick(at: 180, Checks.pass).command == nil)
        canary.at(200)
        canary.release.apply(.retry)
        #expect(canary.state.step == 0 && canary.state.phase == .progressing)
        #expect(CanaryController.routingWeights(spec: canary.spec, state: canary.state) == Self.weights(95, 5))
        let first = canary.tick(at: 230, Checks.pass)
        #expect(first.command == nil && first.progress.failures == 0 && first.progress.stepStartedAt == 10_200)
        #expect(canary.tick(at: 320, Checks.pass).command == .promote)
    }

    @Test("a last step at 100% with a pause is watched before completing")
    func promotionWatchCompletes() {
        var canary = CanaryHarness(Self.spec(last: CanaryStep(weight: 100, pause: 120)))
        canary.release.apply(.promoteFull)
        #expect(canary.state.phase == .promoted)
        canary.at(29)
        #expect(!CanaryController.isAnalysisDue(spec: canary.spec, state: canary.state, progress: canary.progress, now: canary.now))
        canary.at(30)
        #expect(CanaryController.isAnalysisDue(spec: canary.spec, state: canary.state, progress: canary.progress, now: canary.now))
        #expect(canary.tick(at: 30, Checks.pass).command == nil)
        #expect(canary.tick(at: 90, Checks.noTraffic).command == nil)
        #expect(canary.tick(at: 119, nil).command == nil)
        // The watch is over, but it completes only after one more analysis.
        canary.at(120)
        #expect(CanaryController.isAnalysisDue(spec: canary.spec, state: canary.state, progress: canary.progress, now: canary.now))
        #expect(canary.tick(at: 120, nil).command == nil)
        #expect(canary.tick(at: 121, Checks.pass).command == .complete)
    }

    @Test("a failing check while watching the canary at 100% rolls back to stable")
    func promotionWatchRollsBack() {
        var canary = CanaryHarness(Self.spec(last: CanaryStep(weight: 100, pause: 120)))
        canary.release.apply(.promoteFull)
        let rollback = canary.tick(at: 30, Checks.errorsUp)
        #expect(rollback.command == .rollback && rollback.reason.hasSuffix("back to v1"))
        #expect(canary.state.phase == .aborted && canary.release.events.last?.action == "rollback")
        #expect(CanaryController.routingWeights(spec: canary.spec, state: canary.state) == Self.weights(100, 0))
    }

    @Test("a lost progress (gateway restart) continues the step from the state's last change")
    func restartKeepsStepTimer() {
        var canary = CanaryHarness(Self.spec())
        #expect(canary.tick(at: 120, Checks.pass).command == .promote)
        canary.progress = nil
        #expect(canary.tick(at: 400, Checks.pass).command == nil)
        canary.progress = nil
        #expect(canary.tick(at: 420, Checks.pass).command == .promote)
    }

    @Test("routing weights follow the steps, stable listed first")
    func routingPerStep() {
        var canary = CanaryHarness(Self.spec())
        var seen: [[VersionWeight]] = [CanaryController.routingWeights(spec: canary.spec, state: canary.state)]
        for _ in 0..<3 {
            canary.release.apply(.promote)
            seen.append(CanaryController.routingWeights(spec: canary.spec, state: canary.state))
        }
        #expect(seen == [Self.weights(95, 5), Self.weights(75, 25), Self.weights(50, 50), Self.weights(0, 100)])
    }

    @Test("the progress survives a JSON round trip with snake_case keys")
    func progressCodable() throws {
        let progress = CanaryProgress(revision: 4, step: 1, stepStartedAt: 10.5, failures: 2, inconclusiveSince: 20, lastAnalysisAt: 30)
        let data = try JSONEncoder().encode(progress)
        #expect(String(decoding: data, as: UTF8.self).contains("\"step_started_at\":10.5"))
        #expect(try JSONDecoder().decode(CanaryProgress.self, from: data) == progress)
        let check = NamedCheck(name: NamedCheck.latency, outcome: .fail(reason: "p99 +40%"))
        let checkData = try JSONEncoder().encode(check)
        let object = try JSONSerialization.jsonObject(with: checkData) as? [String: String]
        #expect(object == ["name": "latency", "outcome": "fail", "reason": "p99 +40%"])
        #expect(try JSONDecoder().decode(NamedCheck.self, from: checkData) == check)
    }

    // MARK: The step, as the gateway drives it

    @Test("a step asks for the comparison since the step began when an analysis is due, and carries out the decision on it")
    func stepAsksThenDecides() throws {
        let canary = CanaryHarness(Self.spec())
        let start = canary.now
        let fresh = CanaryController.step(spec: canary.spec, state: canary.state, progress: nil, checks: nil, now: start + 29)
        // Nothing due yet: decided at once, and a progress not stored yet is saved.
        #expect(fresh.actions == [.saveProgress])
        #expect(CanaryController.step(spec: canary.spec, state: canary.state, progress: fresh.progress, checks: nil, now: start + 29).actions.isEmpty)

        let due = CanaryController.step(spec: canary.spec, state: canary.state, progress: fresh.progress, checks: nil, now: start + 30)
        #expect(due.actions == [.compareVersions(since: start, baselineBefore: nil)])
        #expect(due.progress == fresh.progress)
        let judged = CanaryController.step(spec: canary.spec, state: canary.state, progress: due.progress, checks: Checks.pass, now: start + 30)
        let holding = CanaryController.decide(spec: canary.spec, state: canary.state, progress: due.progress, checks: Checks.pass, now: start + 30)
        #expect(judged.progress == holding.progress)
        #expect(judged.actions == [.saveProgress, .recordAnalysis(decision: holding.reason)])

        let advancing = CanaryController.step(spec: canary.spec, state: canary.state, progress: judged.progress, checks: Checks.pass, now: start + 120)
        #expect(advancing.actions.last == .apply(.promote, reason: "checks passed at step 1 of 3 (5%); advancing to step 2 of 3 (25%)"))
    }

    @Test("once promoted, the watch compares the canary with stable's traffic before the switch")
    func stepComparesWithBeforeTheSwitch() throws {
        var canary = CanaryHarness(Self.spec(last: CanaryStep(weight: 100, pause: 60)))
        canary.at(10)
        canary.release.apply(.promoteFull)
        let switchedAt = try #require(canary.state.promotedAt)
        let due = CanaryController.step(spec: canary.spec, state: canary.state, progress: nil, checks: nil, now: switchedAt + 30)
        #expect(due.actions == [.compareVersions(since: switchedAt, baselineBefore: switchedAt)])
    }

    @Test("an aborted canary asks for nothing and changes nothing")
    func stepLeavesAbortedAlone() {
        var canary = CanaryHarness(Self.spec())
        canary.at(10)
        canary.release.apply(.abort(reason: "stop"))
        let progress = CanaryController.progress(nil, for: canary.state)
        #expect(CanaryController.step(spec: canary.spec, state: canary.state, progress: progress, checks: nil, now: canary.now + 600).actions.isEmpty)
    }
}
