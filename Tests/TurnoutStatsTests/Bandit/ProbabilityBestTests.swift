import Foundation
import Testing
import TurnoutStats

/// Thompson sampling's Monte Carlo probability of being best, against exact values.
@Suite("Probability of being best")
struct ProbabilityBestTests {
    static let draws = 40_000

    /// Four standard errors of a probability `p` estimated from `draws` draws, the tolerance of
    /// every Monte Carlo comparison here.
    static func tolerance(_ p: Double) -> Double {
        4 * (p * (1 - p) / Double(draws)).squareRoot()
    }

    /// `P(X_B > X_A)` for `X_A ~ Beta(aA, bA)`, `X_B ~ Beta(aB, bB)` with integer `aB`, in closed form
    /// (Evan Miller, "Formulas for Bayesian A/B testing", 2015):
    /// `Σ_{i<aB} B(aA + i, bA + bB) / ((bB + i) B(1 + i, bB) B(aA, bA))`.
    static func exactProbabilityBGreater(aA: Double, bA: Double, aB: Int, bB: Double) -> Double {
        (0..<aB).reduce(0.0) { total, i in
            let index = Double(i)
            return total + Foundation.exp(
                SpecialFunctions.logBeta(aA + index, bA + bB) - Foundation.log(bB + index)
                    - SpecialFunctions.logBeta(1 + index, bB) - SpecialFunctions.logBeta(aA, bA))
        }
    }

    /// Successes and trials of arms A and B, and `P(B is best)` under uniform priors from scipy:
    /// `quad(lambda x: beta.pdf(x, 1+sB, 1+nB-sB) * beta.cdf(x, 1+sA, 1+nA-sA), 0, 1)` (scipy 1.17.1).
    static let cases: [(successesA: Double, trialsA: Double, successesB: Double, trialsB: Double, scipy: Double)] = [
        (30, 100, 40, 100, 0.9298493590723804),
        (10, 12, 8, 12, 0.18913043478260877),
        (90, 100, 80, 100, 0.024826966847125386),
    ]

    @Test(arguments: cases)
    func twoBetaPosteriorsMatchTheClosedForm(
        _ example: (successesA: Double, trialsA: Double, successesB: Double, trialsB: Double, scipy: Double)
    ) throws {
        let exact = Self.exactProbabilityBGreater(
            aA: 1 + example.successesA, bA: 1 + example.trialsA - example.successesA,
            aB: 1 + Int(example.successesB), bB: 1 + example.trialsB - example.successesB)
        #expect(abs(exact - example.scipy) < 1e-10)  // the closed form itself, against numerical integration

        var generator = SeededGenerator(seed: 21)
        let arms = [
            BanditArmStatistics.bernoulli(successes: example.successesA, of: Int(example.trialsA)),
            BanditArmStatistics.bernoulli(successes: example.successesB, of: Int(example.trialsB)),
        ]
        let estimate = try BanditPolicy(kind: .thompson).probabilityBest(arms: arms, random: &generator, draws: Self.draws)
        #expect(abs(estimate[1] - exact) < Self.tolerance(exact))
        #expect(abs(estimate[0] + estimate[1] - 1) < 1e-12)
    }

    @Test func anUntriedArmWinsWithTheOtherArmsPosteriorMeanOfLosing() throws {
        // Against a uniform X_B, P(X_A > X_B) = E[X_A]; for Beta(3, 7) that is 0.3.
        var generator = SeededGenerator(seed: 22)
        let arms = [BanditArmStatistics.bernoulli(successes: 2, of: 8), .empty]
        let estimate = try BanditPolicy(kind: .thompson).probabilityBest(arms: arms, random: &generator, draws: Self.draws)
        #expect(abs(estimate[0] - 0.3) < Self.tolerance(0.3))
    }

    @Test func fractionalRewardsCountAsPartialSuccesses() throws {
        // Ten rewards of 0.3 give Beta(1 + 3, 1 + 7), with mean 4/12, against a uniform arm.
        var generator = SeededGenerator(seed: 23)
        let fractional = BanditArmStatistics(n: 10, sum: 3, sumSquares: 0.9)
        let estimate = try BanditPolicy(kind: .thompson).probabilityBest(arms: [fractional, .empty], random: &generator, draws: Self.draws)
        #expect(abs(estimate[0] - 1.0 / 3.0) < Self.tolerance(1.0 / 3.0))
    }

    @Test func identicalArmsAreEquallyLikelyToBeBest() throws {
        var generator = SeededGenerator(seed: 24)
        let arms = [BanditArmStatistics](repeating: .bernoulli(successes: 4, of: 10), count: 4)
        let estimate = try BanditPolicy(kind: .thompson).probabilityBest(arms: arms, random: &generator, draws: Self.draws)
        #expect(estimate.allSatisfy { abs($0 - 0.25) < Self.tolerance(0.25) })
    }

    @Test func gaussianPosteriorsApproachTheNormalComparison() throws {
        // Large arms: the weak prior is negligible and P(B best) = Φ((x̄_B − x̄_A) / √(s²_A/n_A + s²_B/n_B)).
        var generator = SeededGenerator(seed: 25)
        let arms = [Self.normalArm(mean: 1.0, variance: 4, n: 1000), Self.normalArm(mean: 1.15, variance: 9, n: 2000)]
        let expected = NormalDistribution.standardCDF(0.15 / (4.0 / 1000 + 9.0 / 2000).squareRoot())
        let policy = try BanditPolicy(kind: .thompson, rewardType: .gaussian)
        let estimate = try policy.probabilityBest(arms: arms, random: &generator, draws: Self.draws)
        #expect(abs(estimate[1] - expected) < Self.tolerance(expected) + 0.002)
    }

    @Test func gaussianPosteriorsStayProperForUntriedArms() throws {
        // One reward of 5 and an untried arm: the prior borrowed from the pooled data (mean 5, and
        // variance 1 for want of spread) makes both posteriors centred on 5, so each wins half the time.
        var generator = SeededGenerator(seed: 26)
        let arms = [BanditArmStatistics.empty, BanditArmStatistics(n: 1, sum: 5, sumSquares: 25)]
        let estimate = try BanditPolicy(kind: .thompson, rewardType: .gaussian).probabilityBest(arms: arms, random: &generator, draws: Self.draws)
        #expect(abs(estimate[0] - 0.5) < Self.tolerance(0.5))
    }

    /// Statistics of `n` rewards with exactly the given sample mean and unbiased variance.
    static func normalArm(mean: Double, variance: Double, n: Double) -> BanditArmStatistics {
        BanditArmStatistics(n: Int(n), sum: mean * n, sumSquares: variance * (n - 1) + mean * mean * n)
    }
}
