import Testing

@testable import TurnoutStats

/// The published vectors and distributional checks of single decisions.
@Suite("Bandit vectors")
struct BanditVectorTests {
    @Test("UCB1 indices for decisions [1,1,1,2,2,3,3,3,3,3] with rewards [0,0,1,0,0,0,0,1,1,1]")
    func ucb1Indices() {
        let decisions = [1, 1, 1, 2, 2, 3, 3, 3, 3, 3]
        let rewards: [Double] = [0, 0, 1, 0, 0, 0, 0, 1, 1, 1]
        var arms = [BanditArmStatistics](repeating: .empty, count: 3)
        for (arm, reward) in zip(decisions, rewards) { arms[arm - 1].record(reward) }
        let logTotal = BanditPolicy.logTotalPulls(arms)
        let indices = arms.map { BanditPolicy.upperConfidenceBound($0, logTotal: logTotal) }
        let expected = [1.5723073962832794, 1.5174271293851465, 1.5597051824376162]
        for (index, value) in zip(indices, expected) { #expect(abs(index - value) < 1e-12, "\(indices)") }
    }

    @Test("epsilon-greedy picks the best arm with probability 1 − ε + ε/K, within 1%")
    func epsilonGreedyFrequency() throws {
        let policy = try BanditPolicy(kind: .epsilonGreedy, epsilon: 0.1)
        let arms = [BanditArmStatistics.bernoulli(successes: 30, of: 100), .bernoulli(successes: 60, of: 100), .bernoulli(successes: 45, of: 100)]
        var generator = SeededGenerator(seed: 7)
        let trials = 200_000
        var best = 0
        for _ in 0..<trials where try policy.choose(arms: arms, random: &generator) == 1 { best += 1 }
        let expected = 1 - 0.1 + 0.1 / 3
        #expect(abs(Double(best) / Double(trials) - expected) < 0.01 * expected)
    }
}
