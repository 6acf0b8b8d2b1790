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
}
