import Foundation
import Testing
import TurnoutStats

/// Settings validation, the floor, each policy's weights and single decisions.
@Suite("BanditPolicy")
struct BanditPolicyTests {
    static let twoUntried = [BanditArmStatistics.empty, .empty]

    // MARK: Validation

    @Test func kindAndRewardTypeUseTheConfigurationNames() {
        #expect(BanditPolicy.Kind.allCases.map(\.rawValue) == ["thompson", "ucb1", "epsilon_greedy", "softmax"])
        #expect(BanditPolicy.RewardType.allCases.map(\.rawValue) == ["bernoulli", "gaussian"])
    }

    @Test func defaultsAreTheIssueDefaults() throws {
        let policy = try BanditPolicy(kind: .thompson)
        #expect(policy.epsilon == 0.1)
        #expect(policy.temperature == 0.1)
        #expect(policy.minShare == 0.01)
        #expect(policy.rewardType == .bernoulli)
    }

    @Test func settingsOutsideTheirDomainAreRefused() throws {
        #expect(throws: BanditError.invalidEpsilon(-0.1)) { try BanditPolicy(kind: .epsilonGreedy, epsilon: -0.1) }
        #expect(throws: BanditError.invalidEpsilon(1.5)) { try BanditPolicy(kind: .epsilonGreedy, epsilon: 1.5) }
        #expect(throws: BanditError.self) { try BanditPolicy(kind: .epsilonGreedy, epsilon: .nan) }
        #expect(throws: BanditError.invalidTemperature(0)) { try BanditPolicy(kind: .softmax, temperature: 0) }
        #expect(throws: BanditError.invalidTemperature(.infinity)) { try BanditPolicy(kind: .softmax, temperature: .infinity) }
        #expect(throws: BanditError.invalidMinShare(1)) { try BanditPolicy(kind: .thompson, minShare: 1) }
        #expect(throws: BanditError.invalidMinShare(-0.01)) { try BanditPolicy(kind: .thompson, minShare: -0.01) }
        // The ends of the closed interval for epsilon and a zero floor are allowed.
        _ = try BanditPolicy(kind: .epsilonGreedy, epsilon: 0, minShare: 0)
        _ = try BanditPolicy(kind: .epsilonGreedy, epsilon: 1)
    }

    @Test func fewerThanTwoArmsAreRefused() throws {
        var generator = SeededGenerator(seed: 1)
        for kind in BanditPolicy.Kind.allCases {
            let policy = try BanditPolicy(kind: kind)
            #expect(throws: BanditError.tooFewArms(1)) { try policy.choose(arms: [.empty], random: &generator) }
            #expect(throws: BanditError.tooFewArms(0)) { try policy.shares(arms: [], random: &generator) }
            #expect(throws: BanditError.tooFewArms(1)) { try policy.probabilityBest(arms: [.empty], random: &generator) }
        }
    }

    @Test func aFloorThatLeavesNothingToAllocateIsRefused() throws {
        var generator = SeededGenerator(seed: 1)
        let arms = [BanditArmStatistics](repeating: .empty, count: 10)
        let policy = try BanditPolicy(kind: .ucb1, minShare: 0.1)
        #expect(throws: BanditError.minShareTooLarge(minShare: 0.1, arms: 10)) { try policy.shares(arms: arms, random: &generator) }
        // Single decisions ignore the floor, and a floor just below 1/K is fine.
        _ = try policy.choose(arms: arms, random: &generator)
        _ = try BanditPolicy(kind: .ucb1, minShare: 0.099).shares(arms: arms, random: &generator)
    }

    @Test func impossibleStatisticsAndDrawCountsAreRefused() throws {
        var generator = SeededGenerator(seed: 1)
        let bernoulli = try BanditPolicy(kind: .thompson)
        let overflowing = [BanditArmStatistics.empty, BanditArmStatistics(n: 3, sum: 4, sumSquares: 4)]
        let error = #expect(throws: BanditError.self) { try bernoulli.choose(arms: overflowing, random: &generator) }
        guard case .invalidArmStatistics(arm: 1, _) = error else {
            Issue.record("expected invalidArmStatistics for arm 1, got \(String(describing: error))")
            return
        }
        let negative = [BanditArmStatistics(n: -1, sum: 0, sumSquares: 0), .empty]
        #expect(throws: BanditError.self) { try bernoulli.shares(arms: negative, random: &generator) }
        #expect(throws: BanditError.invalidDraws(0)) { try bernoulli.probabilityBest(arms: Self.twoUntried, random: &generator, draws: 0) }
        // Unbounded rewards may sum past n.
        let gaussian = try BanditPolicy(kind: .thompson, rewardType: .gaussian)
        _ = try gaussian.choose(arms: overflowing, random: &generator)
    }

    @Test func errorsExplainThemselves() {
        #expect(BanditError.minShareTooLarge(minShare: 0.2, arms: 5).description.contains("0.2"))
        #expect(BanditError.tooFewArms(1).description == "a bandit needs at least 2 arms, got 1")
        #expect(BanditError.invalidArmMean(arm: 2, 1.5).description == "arm 2: a Bernoulli mean must be in [0, 1], got 1.5")
    }

    // MARK: Shares

    @Test func epsilonGreedySharesFollowTheFloorFormula() throws {
        var generator = SeededGenerator(seed: 1)
        let policy = try BanditPolicy(kind: .epsilonGreedy, epsilon: 0.1, minShare: 0.05)
        let arms = [BanditArmStatistics.bernoulli(successes: 2, of: 10), .bernoulli(successes: 5, of: 10), .bernoulli(successes: 1, of: 10)]
        let shares = try policy.shares(arms: arms, random: &generator)
        // w = ε/K + (1 − ε)·[best], p = f + (1 − K·f)·w with K = 3, f = 0.05, ε = 0.1.
        let explore = 0.05 + 0.85 * (0.1 / 3)
        let exploit = 0.05 + 0.85 * (0.1 / 3 + 0.9)
        #expect(abs(shares[0] - explore) < 1e-15)
        #expect(abs(shares[1] - exploit) < 1e-15)
        #expect(abs(shares[2] - explore) < 1e-15)
    }

    @Test func ucb1GivesEverythingAboveTheFloorToTheHighestBound() throws {
        var generator = SeededGenerator(seed: 1)
        let policy = try BanditPolicy(kind: .ucb1)
        // Arm 0 has the lower mean (0.6 vs 0.65) but the higher bound: 0.6 + √(2 ln 50 / 10) ≈ 1.48
        // against 0.65 + √(2 ln 50 / 40) ≈ 1.09.
        let arms = [BanditArmStatistics.bernoulli(successes: 6, of: 10), .bernoulli(successes: 26, of: 40)]
        #expect(try policy.shares(arms: arms, random: &generator) == [0.99, 0.01])
        #expect(try policy.choose(arms: arms, random: &generator) == 0)
    }

    @Test func ucb1SplitsAmongUntriedArmsFirst() throws {
        var generator = SeededGenerator(seed: 1)
        let policy = try BanditPolicy(kind: .ucb1, minShare: 0)
        let arms = [BanditArmStatistics.bernoulli(successes: 90, of: 100), .empty, .empty]
        #expect(try policy.shares(arms: arms, random: &generator) == [0, 0.5, 0.5])
        var chosen = Set<Int>()
        for _ in 0..<50 { chosen.insert(try policy.choose(arms: arms, random: &generator)) }
        #expect(chosen == [1, 2])
    }

    @Test func softmaxSharesAreTheBoltzmannWeights() throws {
        var generator = SeededGenerator(seed: 1)
        let policy = try BanditPolicy(kind: .softmax, temperature: 0.1, minShare: 0)
        let arms = [BanditArmStatistics.bernoulli(successes: 50, of: 100), .bernoulli(successes: 40, of: 100)]
        let shares = try policy.shares(arms: arms, random: &generator)
        // exp(0.5/0.1) / (exp(0.5/0.1) + exp(0.4/0.1)) = 1 / (1 + e⁻¹).
        #expect(abs(shares[0] - 1 / (1 + Foundation.exp(-1.0))) < 1e-15)
        #expect(abs(shares[1] - 1 / (1 + Foundation.exp(1.0))) < 1e-15)
    }

    @Test func thompsonSharesAreTheFlooredProbabilityOfBeingBest() throws {
        let policy = try BanditPolicy(kind: .thompson, minShare: 0.02)
        let arms = [BanditArmStatistics.bernoulli(successes: 3, of: 10), .bernoulli(successes: 5, of: 10), .empty]
        var forShares = SeededGenerator(seed: 5)
        var forProbability = SeededGenerator(seed: 5)
        let shares = try policy.shares(arms: arms, random: &forShares, draws: 2000)
        let best = try policy.probabilityBest(arms: arms, random: &forProbability, draws: 2000)
        for (share, probability) in zip(shares, best) {
            #expect(abs(share - (0.02 + 0.94 * probability)) < 1e-15)
        }
    }

    @Test(arguments: BanditPolicy.Kind.allCases)
    func sharesSumToOneAndRespectTheFloor(kind: BanditPolicy.Kind) throws {
        var generator = SeededGenerator(seed: 9)
        let policy = try BanditPolicy(kind: kind, minShare: 0.03)
        for _ in 0..<20 {
            let arms = (0..<Int(generator.next(upperBound: UInt64(8))) + 2).map { _ in
                let n = Double(generator.next(upperBound: UInt64(50)))
                return BanditArmStatistics.bernoulli(successes: (n * generator.nextUniform()).rounded(.down), of: Int(n))
            }
            let shares = try policy.shares(arms: arms, random: &generator, draws: 500)
            #expect(abs(shares.reduce(0, +) - 1) < 1e-12)
            #expect(shares.allSatisfy { $0 >= 0.03 - 1e-15 })
        }
    }

    // MARK: Single decisions

    @Test func epsilonGreedyExploresEveryArmUniformly() throws {
        var generator = SeededGenerator(seed: 3)
        let arms = [BanditArmStatistics.bernoulli(successes: 9, of: 10), .bernoulli(successes: 1, of: 10), .bernoulli(successes: 5, of: 10)]
        let greedy = try BanditPolicy(kind: .epsilonGreedy, epsilon: 0)
        for _ in 0..<100 { #expect(try greedy.choose(arms: arms, random: &generator) == 0) }
        // With ε = 1 every arm, the best included, gets 1/3 of 30,000 decisions (SE ≈ 82).
        let explorer = try BanditPolicy(kind: .epsilonGreedy, epsilon: 1)
        var counts = [0, 0, 0]
        for _ in 0..<30_000 { counts[try explorer.choose(arms: arms, random: &generator)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 400 })
    }

    @Test func tiesAreBrokenAtRandom() throws {
        var generator = SeededGenerator(seed: 4)
        let greedy = try BanditPolicy(kind: .epsilonGreedy, epsilon: 0)
        let arms = [BanditArmStatistics.bernoulli(successes: 1, of: 2), .bernoulli(successes: 2, of: 4), .bernoulli(successes: 0, of: 2)]
        var counts = [0, 0, 0]
        for _ in 0..<10_000 { counts[try greedy.choose(arms: arms, random: &generator)] += 1 }
        // The two arms at 0.5 split 10,000 decisions (SE 50); the arm at 0 gets none.
        #expect(abs(counts[0] - 5000) < 250)
        #expect(abs(counts[1] - 5000) < 250)
        #expect(counts[2] == 0)
    }

    @Test func softmaxChoicesFollowTheWeights() throws {
        var generator = SeededGenerator(seed: 6)
        let policy = try BanditPolicy(kind: .softmax, temperature: 0.1)
        let arms = [BanditArmStatistics.bernoulli(successes: 50, of: 100), .bernoulli(successes: 40, of: 100)]
        var first = 0
        let decisions = 20_000
        for _ in 0..<decisions where try policy.choose(arms: arms, random: &generator) == 0 { first += 1 }
        let expected = 1 / (1 + Foundation.exp(-1.0))
        let standardError = (expected * (1 - expected) / Double(decisions)).squareRoot()
        #expect(abs(Double(first) / Double(decisions) - expected) < 4 * standardError)
    }

    @Test func thompsonChoosesEachArmWithItsProbabilityOfBeingBest() throws {
        var generator = SeededGenerator(seed: 7)
        let policy = try BanditPolicy(kind: .thompson)
        // Beta(3, 7) against the uniform Beta(1, 1): P(first is best) = E[Beta(3, 7)] = 0.3.
        let arms = [BanditArmStatistics.bernoulli(successes: 2, of: 8), .empty]
        let decisions = 20_000
        var first = 0
        for _ in 0..<decisions where try policy.choose(arms: arms, random: &generator) == 0 { first += 1 }
        let standardError = (0.3 * 0.7 / Double(decisions)).squareRoot()
        #expect(abs(Double(first) / Double(decisions) - 0.3) < 4 * standardError)
    }

    @Test(arguments: BanditPolicy.Kind.allCases)
    func decisionsAndSharesAreReproducibleForASeed(kind: BanditPolicy.Kind) throws {
        let policy = try BanditPolicy(kind: kind, epsilon: 0.5, temperature: 0.2)
        let arms = [BanditArmStatistics.bernoulli(successes: 3, of: 10), .bernoulli(successes: 4, of: 10), .bernoulli(successes: 2, of: 5)]
        func decisions(seed: UInt64) throws -> ([Int], [Double]) {
            var generator = SeededGenerator(seed: seed)
            let choices = try (0..<200).map { _ in try policy.choose(arms: arms, random: &generator) }
            return (choices, try policy.shares(arms: arms, random: &generator, draws: 1000))
        }
        let first = try decisions(seed: 42)
        let again = try decisions(seed: 42)
        #expect(first.0 == again.0)
        #expect(first.1 == again.1)
        if kind != .ucb1 {  // UCB1 is deterministic: only ties use randomness
            #expect(try decisions(seed: 43).0 != first.0)
        }
    }
}
