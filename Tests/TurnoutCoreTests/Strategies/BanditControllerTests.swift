import Testing
import TurnoutCore
import TurnoutStats

/// The bandit controller on a fake clock with seeded randomness: shares follow the rewards,
/// it concludes by its rule only, and its conclusion is carried out by the lifecycle.
@Suite("Bandit controller")
struct BanditControllerTests {
    static let start = 10_000.0

    static func spec(minSamples: Int = 100, action: BanditSpec.Conclusion.Action = .promote) -> BanditSpec {
        BanditSpec(arms: ["v1", "v2"], minShare: 0.05, updateEvery: 1, conclude: BanditSpec.Conclusion(probabilityBest: 0.95, minSamples: minSamples, action: action))
    }

    static func rewards(_ n: Int, mean: Double) -> BanditArmStatistics {
        let sum = (mean * Double(n)).rounded()
        return BanditArmStatistics(n: n, sum: sum, sumSquares: sum)
    }

    @Test("an update is due once per update_every, only while the bandit learns")
    func updatesOnItsInterval() throws {
        let spec = Self.spec()
        let state = ReleaseLifecycle.start(model: "m", spec: .bandit(spec), previousStable: nil, actor: "test", now: Self.start).state
        #expect(BanditController.isUpdateDue(spec: spec, state: state, conclusion: nil, lastUpdateAt: nil, now: Self.start))
        #expect(!BanditController.isUpdateDue(spec: spec, state: state, conclusion: nil, lastUpdateAt: Self.start - 0.5, now: Self.start))
        #expect(BanditController.appliesDefaultRewards(state: state, conclusion: nil))
        let concluded = ExperimentConclusion(time: Self.start, decision: "arm_wins", winner: "v2", summary: "s", result: nil)
        #expect(!BanditController.isUpdateDue(spec: spec, state: state, conclusion: concluded, lastUpdateAt: nil, now: Self.start))
        #expect(!BanditController.appliesDefaultRewards(state: state, conclusion: concluded))
    }

    @Test("traffic moves to the arm that earns rewards, keeping the floor, before the rule concludes")
    func sharesFollowRewards() throws {
        var random = SeededGenerator(seed: 7)
        // v1 has too few rewards for min_samples: no conclusion yet, however sure v2 looks.
        let evaluation = try BanditController.evaluate(
            spec: Self.spec(), rewards: [Self.rewards(20, mean: 0.1), Self.rewards(300, mean: 0.6)], now: Self.start, random: &random
        )
        #expect(evaluation.shares[1] > 0.8)
        #expect(evaluation.shares[0] >= 0.05 - 1e-9)
        #expect(abs(evaluation.shares.reduce(0, +) - 1) < 1e-9)
        #expect(evaluation.probabilityBest[1] > 0.95)
        #expect(evaluation.conclusion == nil)
        #expect(evaluation.rewardType == .bernoulli)
    }

    @Test("once every arm has min_samples and one is surely best, it concludes for that arm and the lifecycle promotes it")
    func concludes() throws {
        var random = SeededGenerator(seed: 7)
        let spec = Self.spec()
        let evaluation = try BanditController.evaluate(
            spec: spec, rewards: [Self.rewards(100, mean: 0.1), Self.rewards(400, mean: 0.6)], now: Self.start + 5, random: &random
        )
        let conclusion = try #require(evaluation.conclusion)
        #expect(conclusion.decision == "arm_wins")
        #expect(conclusion.winner == "v2")
        #expect(conclusion.promoteTo == "v2")
        #expect(conclusion.time == Self.start + 5)
        #expect(conclusion.summary.hasPrefix("v2 is best with probability "))

        let state = ReleaseLifecycle.start(model: "m", spec: .bandit(spec), previousStable: nil, actor: "test", now: Self.start).state
        let concluded = try #require(ReleaseLifecycle.conclude(state, actor: "controller", now: Self.start + 5, reason: conclusion.summary))
        let promoted = try #require(try ReleaseLifecycle.promotion(owedBy: conclusion, to: concluded.state, actor: "controller", now: Self.start + 5)?.get())
        #expect(promoted.state.routing == .single(version: "v2"))
    }

    @Test("conclude.action none records the winner without promoting")
    func concludesWithoutPromoting() throws {
        var random = SeededGenerator(seed: 7)
        let evaluation = try BanditController.evaluate(
            spec: Self.spec(action: .none), rewards: [Self.rewards(100, mean: 0.1), Self.rewards(400, mean: 0.6)], now: Self.start, random: &random
        )
        let conclusion = try #require(evaluation.conclusion)
        #expect(conclusion.winner == "v2")
        #expect(conclusion.promoteTo == nil)
    }

    @Test("rewards outside 0...1 on a bernoulli bandit are read with the gaussian posterior")
    func outOfRangeRewards() throws {
        var random = SeededGenerator(seed: 7)
        let evaluation = try BanditController.evaluate(
            spec: Self.spec(),
            rewards: [BanditArmStatistics(n: 5, sum: -15, sumSquares: 45), BanditArmStatistics(n: 5, sum: 25, sumSquares: 125)],
            now: Self.start, random: &random
        )
        #expect(evaluation.rewardType == .gaussian)
        #expect(evaluation.shares[1] > evaluation.shares[0])
    }

    @Test("taking the floor off Thompson's shares gives probabilities that sum to one")
    func unfloored() {
        let best = BanditController.unfloored([0.05, 0.95], minShare: 0.05)
        #expect(abs(best[0]) < 1e-12 && abs(best[1] - 1) < 1e-12)
        #expect(BanditController.unfloored([0.5, 0.5], minShare: 0.5) == [0.5, 0.5])
    }

    // MARK: The step, as the gateway drives it

    static func state(_ spec: BanditSpec) -> ReleaseState {
        ReleaseLifecycle.start(model: "m", spec: .bandit(spec), previousStable: nil, actor: "test", now: start).state
    }

    /// One step of `spec` with seed 7.
    static func step(
        _ spec: BanditSpec, state: ReleaseState, progress: ExperimentProgress = ExperimentProgress(), conclusion: ExperimentConclusion? = nil,
        rewards: [BanditArmStatistics]?, now: Double
    ) throws -> ControllerStep<ExperimentProgress> {
        var random = SeededGenerator(seed: 7)
        return try BanditController.step(spec: spec, state: state, progress: progress, conclusion: conclusion, rewards: rewards, now: now, random: &random)
    }

    @Test("driven on a fake clock, it updates the shares once per update_every, concludes once by its rule and promotes the winner")
    func drivenToPromotion() throws {
        let spec = Self.spec()
        var harness = ExperimentHarness(.bandit(spec), startedAt: Self.start)
        var random = SeededGenerator(seed: 7)
        var routes: [[VersionWeight]] = []
        for tick in 0...10 {
            let second = Double(tick) / 2
            let now = Self.start + second
            // v1 reaches min_samples at the third second.
            let rewards = [Self.rewards(second < 2 ? 20 : 100, mean: 0.1), Self.rewards(400, mean: 0.6)]
            let actions = try harness.tick(at: now) { state, progress, conclusion, withEvidence in
                try BanditController.step(
                    spec: spec, state: state, progress: progress, conclusion: conclusion, rewards: withEvidence ? rewards : nil, now: now, random: &random
                )
            }
            for case .route(let shares) in actions { routes.append(shares) }
        }
        #expect(harness.looks == [0, 1, 2].map { Self.start + $0 })
        #expect(routes.count == 3)
        #expect(routes.allSatisfy { $0.map(\.version) == ["v1", "v2"] && $0[1].weight > 0.8 })
        #expect(harness.events.map(\.action) == ["start", "conclude", "promote_full"])
        #expect(harness.conclusion?.time == Self.start + 2)
        #expect(harness.state.phase == .promoted)
        #expect(harness.state.promotedVersion == "v2")
        #expect(harness.warnings.isEmpty)
    }

    @Test("without rewards, a step asks for them once per update_every and records the look")
    func stepAsksForEvidence() throws {
        let spec = Self.spec()
        let state = Self.state(spec)
        let first = try Self.step(spec, state: state, rewards: nil, now: Self.start)
        #expect(first.actions == [.readEvidence])
        #expect(first.progress.lastLookAt == Self.start)
        #expect(try Self.step(spec, state: state, progress: first.progress, rewards: nil, now: Self.start + 0.5) == ControllerStep<ExperimentProgress>(progress: first.progress))
        #expect(try Self.step(spec, state: state, progress: first.progress, rewards: nil, now: Self.start + 1).actions == [.readEvidence])
    }

    @Test("with rewards, a step routes by the evaluation's shares, and concludes only by its rule")
    func stepRoutesAndConcludes() throws {
        let spec = Self.spec()
        let state = Self.state(spec)
        let progress = ExperimentProgress(lastLookAt: Self.start)
        let thin = [Self.rewards(20, mean: 0.1), Self.rewards(300, mean: 0.6)]
        var random = SeededGenerator(seed: 7)
        let evaluation = try BanditController.evaluate(spec: spec, rewards: thin, now: Self.start, random: &random)
        let learning = try Self.step(spec, state: state, progress: progress, rewards: thin, now: Self.start)
        #expect(learning.actions == [.route([VersionWeight(version: "v1", weight: evaluation.shares[0]), VersionWeight(version: "v2", weight: evaluation.shares[1])])])
        #expect(learning.progress == progress)

        let enough = [Self.rewards(100, mean: 0.1), Self.rewards(400, mean: 0.6)]
        let concluding = try Self.step(spec, state: state, progress: progress, rewards: enough, now: Self.start + 5)
        #expect(concluding.actions.count == 2)
        guard case .route = concluding.actions.first, case .conclude(let conclusion) = concluding.actions.last else {
            Issue.record("expected route then conclude, got \(concluding.actions)")
            return
        }
        #expect(conclusion.winner == "v2")
        #expect(conclusion.time == Self.start + 5)
    }

    @Test("a stored conclusion is never concluded again: it asks only for the promotion it owes", arguments: [
        (BanditSpec.Conclusion.Action.promote, [ControllerAction.promote]),
        (.none, []),
    ])
    func noDoubleConclusion(action: BanditSpec.Conclusion.Action, expected: [ControllerAction]) throws {
        let spec = Self.spec(action: action)
        let enough = [Self.rewards(100, mean: 0.1), Self.rewards(400, mean: 0.6)]
        let stored = try #require(try Self.step(spec, state: Self.state(spec), rewards: enough, now: Self.start).actions.compactMap { action -> ExperimentConclusion? in
            if case .conclude(let conclusion) = action { return conclusion }
            return nil
        }.first)
        for rewards in [nil, enough] {
            let step = try Self.step(spec, state: Self.state(spec), conclusion: stored, rewards: rewards, now: Self.start + 60)
            #expect(step == ControllerStep<ExperimentProgress>(progress: ExperimentProgress(), actions: expected))
        }
    }

    @Test("a paused or aborted bandit neither learns nor concludes", arguments: [LifecycleCommand.pause, .abort(reason: "stop")])
    func stoppedDoesNothing(command: LifecycleCommand) throws {
        let spec = Self.spec()
        let state = try ReleaseLifecycle.apply(command, to: Self.state(spec), actor: "op", now: Self.start + 1).get().state
        let enough = [Self.rewards(100, mean: 0.1), Self.rewards(400, mean: 0.6)]
        for rewards in [nil, enough] {
            #expect(try Self.step(spec, state: state, rewards: rewards, now: Self.start + 60) == ControllerStep<ExperimentProgress>(progress: ExperimentProgress()))
        }
    }

    @Test("rewards outside 0...1 on a bernoulli bandit come with a warning before the shares")
    func stepWarnsOfOutOfRangeRewards() throws {
        let rewards = [BanditArmStatistics(n: 5, sum: -15, sumSquares: 45), BanditArmStatistics(n: 5, sum: 25, sumSquares: 125)]
        let step = try Self.step(Self.spec(), state: Self.state(Self.spec()), progress: ExperimentProgress(lastLookAt: Self.start), rewards: rewards, now: Self.start)
        #expect(step.actions.first == .warn("rewards outside 0...1 for a bernoulli bandit; using the gaussian posterior"))
        guard case .route = step.actions.dropFirst().first else {
            Issue.record("expected the shares after the warning, got \(step.actions)")
            return
        }
    }
}
