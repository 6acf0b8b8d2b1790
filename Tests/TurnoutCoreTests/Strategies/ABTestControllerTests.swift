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
}
