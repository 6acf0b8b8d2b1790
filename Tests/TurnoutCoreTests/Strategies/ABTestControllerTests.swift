import Testing
import TurnoutCore
import TurnoutStats

/// The A/B controller decided on a fake clock with the real statistics engine, and its
/// conclusion carried out by the real lifecycle: no gateway, no sockets.
@Suite("A/B test controller")
struct ABTestControllerTests {
    static let start = 10_000.0

    static func spec(_ onConclusion: ABTestSpec.ConclusionAction = .promote) -> ABTestSpec {
        ABTestSpec(control: "v1", variants: ["v2"], test: .fixed, minSamples: 500, onConclusion: onConclusion, interval: 30)
    }

    static func state(_ spec: ABTestSpec) -> ReleaseState {
        ReleaseLifecycle.start(model: "m", spec: .abtest(spec), previousStable: nil, actor: "test", now: start).state
    }

    /// An analysis of rewards where v1 earns `control` and v2 `variant` on average over `n` units each.
    static func analysis(_ spec: ABTestSpec, control: Double, variant: Double, n: Int = 2_000, elapsed: Double = 60) throws -> AnalysisResult {
        func arm(_ mean: Double) -> SufficientStatistics {
            // Bernoulli rewards: the sum of squares equals the sum.
            let sum = (mean * Double(n)).rounded()
            return SufficientStatistics(n: n, sum: sum, sumSquares: sum)
        }
        let request = spec.analysisRequest(statistics: ["v1": arm(control), "v2": arm(variant)], units: ["v1": n, "v2": n], elapsed: elapsed)
        return try AnalysisEngine.analyze(request)
    }

    @Test("a look is due once per interval, only while the test runs without a conclusion")
    func looksOnItsInterval() throws {
        let spec = Self.spec()
        var state = Self.state(spec)
        let now = Self.start + 100
        #expect(ABTestController.isLookDue(spec: spec, state: state, conclusion: nil, lastLookAt: nil, now: now))
        #expect(!ABTestController.isLookDue(spec: spec, state: state, conclusion: nil, lastLookAt: now - 29.9, now: now))
        #expect(ABTestController.isLookDue(spec: spec, state: state, conclusion: nil, lastLookAt: now - 30, now: now))
        let concluded = ExperimentConclusion(time: now, decision: "no_difference", winner: nil, summary: "s", result: nil)
        #expect(!ABTestController.isLookDue(spec: spec, state: state, conclusion: concluded, lastLookAt: nil, now: now))
        state = try ReleaseLifecycle.apply(.pause, to: state, actor: "op", now: now).get().state
        #expect(!ABTestController.isLookDue(spec: spec, state: state, conclusion: nil, lastLookAt: nil, now: now))
    }

    @Test("too little evidence keeps the test running: no conclusion")
    func keepsRunning() throws {
        let spec = Self.spec()
        let result = try Self.analysis(spec, control: 0.10, variant: 0.30, n: 50)
        #expect(result.decision == .keepRunning)
        #expect(ABTestController.decide(spec: spec, result: result, now: Self.start + 60) == nil)
    }

    @Test("a winning variant is concluded, recorded through the lifecycle, then promoted", arguments: [
        (ABTestSpec.ConclusionAction.promote, "v2" as String?),
        (.keepControl, "v1"),
        (.none, nil),
    ])
    func concludesAndPromotes(onConclusion: ABTestSpec.ConclusionAction, target: String?) throws {
        let spec = Self.spec(onConclusion)
        let state = Self.state(spec)
        let now = Self.start + 60
        let result = try Self.analysis(spec, control: 0.10, variant: 0.30)
        let conclusion = try #require(ABTestController.decide(spec: spec, result: result, now: now))
        #expect(conclusion.decision == "variant_wins")
        #expect(conclusion.winner == "v2")
        #expect(conclusion.promoteTo == target)
        #expect(conclusion.summary.hasPrefix("v2 wins (fixed test, alpha 0.05): v2 vs v1: effect +"))

        let concluded = try #require(ReleaseLifecycle.conclude(state, actor: "controller", now: now, reason: conclusion.summary))
        #expect(concluded.state.revision == state.revision + 1)
        #expect(concluded.state.phase == .progressing)
        #expect(concluded.event.action == "conclude")
        #expect(concluded.event.reason == conclusion.summary)

        let promotion = ReleaseLifecycle.promotion(owedBy: conclusion, to: concluded.state, actor: "controller", now: now)
        guard let target else {
            #expect(promotion == nil)
            return
        }
        let promoted = try #require(try promotion?.get())
        #expect(promoted.state.phase == .promoted)
        #expect(promoted.state.promotedVersion == target)
        #expect(promoted.state.routing == .single(version: target))
        #expect(promoted.event.action == "promote_full")
        #expect(promoted.event.reason == "\(target) takes all of the traffic: \(conclusion.summary)")
        // Once promoted, nothing more is owed.
        #expect(ReleaseLifecycle.promotion(owedBy: conclusion, to: promoted.state, actor: "controller", now: now) == nil)
    }

    @Test("control winning goes to control under promote")
    func controlWins() throws {
        let spec = Self.spec()
        let result = try Self.analysis(spec, control: 0.30, variant: 0.10)
        let conclusion = try #require(ABTestController.decide(spec: spec, result: result, now: Self.start + 60))
        #expect(conclusion.decision == "control_wins")
        #expect(conclusion.promoteTo == "v1")
    }

    @Test("a release that stopped running is not concluded")
    func stoppedIsNotConcluded() throws {
        let state = try ReleaseLifecycle.apply(.abort(reason: "stop"), to: Self.state(Self.spec()), actor: "op", now: Self.start + 1).get().state
        #expect(ReleaseLifecycle.conclude(state, actor: "controller", now: Self.start + 2, reason: "late") == nil)
    }

    // MARK: The step, as the gateway drives it

    @Test("driven on a fake clock, it looks once per interval, concludes once on decisive evidence and promotes the winner")
    func drivenToPromotion() throws {
        let spec = Self.spec()
        var harness = ExperimentHarness(.abtest(spec), startedAt: Self.start)
        let early = try Self.analysis(spec, control: 0.10, variant: 0.30, n: 50)
        let decisive = try Self.analysis(spec, control: 0.10, variant: 0.30)
        for second in stride(from: 0.0, through: 200, by: 10) {
            let now = Self.start + second
            harness.tick(at: now) { state, progress, conclusion, withEvidence in
                ABTestController.step(
                    spec: spec, state: state, progress: progress, conclusion: conclusion, result: withEvidence ? (second < 60 ? early : decisive) : nil, now: now
                )
            }
        }
        #expect(harness.looks == [0, 30, 60].map { Self.start + $0 })
        #expect(harness.events.map(\.action) == ["start", "conclude", "promote_full"])
        #expect(harness.state.phase == .promoted)
        #expect(harness.state.promotedVersion == "v2")
        #expect(harness.conclusion?.time == Self.start + 60)
        #expect(harness.conclusion?.winner == "v2")
    }

    @Test("without evidence, a step asks for it once per interval and records the look")
    func stepAsksForEvidence() {
        let spec = Self.spec()
        let state = Self.state(spec)
        let now = Self.start + 100
        let first = ABTestController.step(spec: spec, state: state, progress: ExperimentProgress(), conclusion: nil, result: nil, now: now)
        #expect(first.actions == [.readEvidence])
        #expect(first.progress.lastLookAt == now)
        let early = ABTestController.step(spec: spec, state: state, progress: first.progress, conclusion: nil, result: nil, now: now + 29.9)
        #expect(early.actions.isEmpty)
        #expect(early.progress == first.progress)
        let due = ABTestController.step(spec: spec, state: state, progress: first.progress, conclusion: nil, result: nil, now: now + 30)
        #expect(due.actions == [.readEvidence])
        #expect(due.progress.lastLookAt == now + 30)
    }

    @Test("an analysis that keeps running concludes nothing; a decisive one concludes with the engine's result")
    func stepJudgesTheEvidence() throws {
        let spec = Self.spec()
        let state = Self.state(spec)
        let progress = ExperimentProgress(lastLookAt: Self.start + 60)
        let thin = try Self.analysis(spec, control: 0.10, variant: 0.30, n: 50)
        let waiting = ABTestController.step(spec: spec, state: state, progress: progress, conclusion: nil, result: thin, now: Self.start + 60)
        #expect(waiting == ControllerStep<ExperimentProgress>(progress: progress))
        let decisive = try Self.analysis(spec, control: 0.10, variant: 0.30)
        let concluding = ABTestController.step(spec: spec, state: state, progress: progress, conclusion: nil, result: decisive, now: Self.start + 60)
        let expected = try #require(ABTestController.decide(spec: spec, result: decisive, now: Self.start + 60))
        #expect(concluding.actions == [.conclude(expected)])
        #expect(concluding.progress == progress)
    }

    @Test("a stored conclusion is never concluded again: it asks only for the promotion it owes", arguments: [
        (ABTestSpec.ConclusionAction.promote, [ControllerAction.promote]),
        (.none, []),
    ])
    func noDoubleConclusion(onConclusion: ABTestSpec.ConclusionAction, expected: [ControllerAction]) throws {
        let spec = Self.spec(onConclusion)
        let state = Self.state(spec)
        let decisive = try Self.analysis(spec, control: 0.10, variant: 0.30)
        let stored = try #require(ABTestController.decide(spec: spec, result: decisive, now: Self.start + 60))
        for result in [nil, decisive] {
            let step = ABTestController.step(spec: spec, state: state, progress: ExperimentProgress(), conclusion: stored, result: result, now: Self.start + 600)
            #expect(step.actions == expected)
            #expect(step.progress == ExperimentProgress())
        }
    }

    @Test("a paused or aborted test does nothing, however due and decisive the evidence", arguments: [
        LifecycleCommand.pause, .abort(reason: "stop"),
    ])
    func stoppedDoesNothing(command: LifecycleCommand) throws {
        let spec = Self.spec()
        let state = try ReleaseLifecycle.apply(command, to: Self.state(spec), actor: "op", now: Self.start + 1).get().state
        let decisive = try Self.analysis(spec, control: 0.10, variant: 0.30)
        for result in [nil, decisive] {
            let step = ABTestController.step(spec: spec, state: state, progress: ExperimentProgress(), conclusion: nil, result: result, now: Self.start + 600)
            #expect(step == ControllerStep<ExperimentProgress>(progress: ExperimentProgress()))
        }
    }

    @Test("guardrails: a failure aborts with every failed guardrail's reason; inconclusive and passing ones only record the look")
    func guardrails() throws {
        let failed = ABTestController.guardrailActions([
            NamedCheck(name: "gpu", outcome: .fail(reason: "canary 0.97: fail_when \"> 0.9\"")),
            NamedCheck(name: "quality", outcome: .inconclusive(reason: "HTTP 503")),
            NamedCheck(name: "p99", outcome: .fail(reason: "canary 2.5: fail_when \"> 1\"")),
        ])
        let reason = #"guardrail failed: gpu: canary 0.97: fail_when "> 0.9"; p99: canary 2.5: fail_when "> 1""#
        #expect(failed == [.recordAnalysis(decision: "abort (\(reason))"), .apply(.abort(reason: reason), reason: reason)])
        // Carried out by the lifecycle, the abort sends the test's traffic back to control.
        let state = Self.state(Self.spec())
        let aborted = try ReleaseLifecycle.apply(.abort(reason: reason), to: state, actor: "controller", now: Self.start + 1, reason: reason).get().state
        #expect(aborted.routing == .single(version: "v1"))

        let unsure = ABTestController.guardrailActions([
            NamedCheck(name: "gpu", outcome: .pass), NamedCheck(name: "quality", outcome: .inconclusive(reason: "no answer within 5s")),
        ])
        #expect(unsure == [.recordAnalysis(decision: "guardrails hold; inconclusive: quality")])
        #expect(ABTestController.guardrailActions([NamedCheck(name: "gpu", outcome: .pass)]) == [.recordAnalysis(decision: "guardrails hold")])
    }
}
