import Foundation
import Testing
import TurnoutStats

/// Seeded A/A and A/B simulations of an experiment that is looked at every 100 users per arm
/// up to 10,000 (100 looks): the sequential test keeps its false-positive rate below alpha
/// however often it is read, the fixed-horizon test read at every look does not.
@Suite("Peeking simulation")
struct PeekingSimulationTests {
    static let looks = 100
    static let usersPerLook = 100
    static let alpha = 0.05

    /// Draws Binomial(100, p) by inverting its CDF: one uniform per arm per look instead of 100.
    struct BinomialSampler {
        let cumulative: [Double]

        init(trials: Int, probability p: Double) {
            var cdf: [Double] = []
            var total = 0.0
            for k in 0...trials {
                // log C(trials, k) + k log p + (trials - k) log(1 - p)
                let logChoose = SpecialFunctions.logGamma(Double(trials + 1)) - SpecialFunctions.logGamma(Double(k + 1))
                    - SpecialFunctions.logGamma(Double(trials - k + 1))
                total += Foundation.exp(logChoose + Double(k) * Foundation.log(p) + Double(trials - k) * Foundation.log1p(-p))
                cdf.append(total)
            }
            cumulative = cdf
        }

        func draw(using generator: inout SeededGenerator) -> Int {
            let u = generator.nextUniform()
            return cumulative.firstIndex { u < $0 } ?? cumulative.count - 1
        }
    }

    struct Outcome {
        var replications = 0
        var sequentialEverSignificant = 0
        var fixedEverSignificant = 0

        var sequentialRate: Double { Double(sequentialEverSignificant) / Double(replications) }
        var fixedRate: Double { Double(fixedEverSignificant) / Double(replications) }

        /// Binomial standard error of a rate estimated from `replications` runs.
        func monteCarloError(_ rate: Double) -> Double { (rate * (1 - rate) / Double(replications)).squareRoot() }
    }

    /// Runs `replications` experiments with conversion rates `control` and `variant`, looking
    /// after every 100 users per arm; counts runs in which each test was ever significant.
    static func simulate(replications: Int, control: Double, variant: Double, seed: UInt64) -> Outcome {
        var generator = SeededGenerator(seed: seed)
        let controlSampler = BinomialSampler(trials: usersPerLook, probability: control)
        let variantSampler = BinomialSampler(trials: usersPerLook, probability: variant)
        let sequential = SequentialTest(alpha: alpha, tuning: 5000, scale: .relative, metric: .proportion)
        let fixed = WelchTTest(alpha: alpha, scale: .relative, metric: .proportion)
        var outcome = Outcome()
        for _ in 0..<replications {
            var controlSuccesses = 0
            var variantSuccesses = 0
            var sequentialHit = false
            var fixedHit = false
            for look in 1...looks {
                controlSuccesses += controlSampler.draw(using: &generator)
                variantSuccesses += variantSampler.draw(using: &generator)
                let n = look * usersPerLook
                guard let estimate = try? EffectEstimate(
                    control: .proportion(successes: Double(controlSuccesses), of: n),
                    variant: .proportion(successes: Double(variantSuccesses), of: n),
                    metric: .proportion, scale: .relative)
                else { continue }  // all zeros so far: nothing to test yet
                if !sequentialHit, sequential.pValue(estimate) < alpha { sequentialHit = true }
                if !fixedHit, fixed.pValue(estimate) < alpha { fixedHit = true }
                if sequentialHit && fixedHit { break }
            }
            outcome.replications += 1
            if sequentialHit { outcome.sequentialEverSignificant += 1 }
            if fixedHit { outcome.fixedEverSignificant += 1 }
        }
        return outcome
    }

    /// 10,000 A/A replications (a few seconds in a debug build): the Monte Carlo standard error
    /// is about 0.002 for the sequential rate (≈ 0.04 here: the normal approximation at the
    /// first looks, 10 conversions per arm, is what keeps it from being lower) and about 0.005
    /// for naive peeking (≈ 0.37). Each bound must hold by three standard errors.
    @Test func aaSequentialStaysBelowAlphaWhileNaivePeekingDoesNot() {
        let start = ContinuousClock.now
        let outcome = Self.simulate(replications: 10_000, control: 0.10, variant: 0.10, seed: 20_261_127)
        let sequentialError = outcome.monteCarloError(outcome.sequentialRate)
        let fixedError = outcome.monteCarloError(outcome.fixedRate)
        print("""
            A/A, p = 0.10, 100 looks of 100 users per arm, \(outcome.replications) replications \
            (\(ContinuousClock.now - start)): sequential ever significant \(outcome.sequentialRate) ± \(sequentialError), \
            fixed test peeked at every look \(outcome.fixedRate) ± \(fixedError)
            """)
        #expect(outcome.sequentialRate + 3 * sequentialError < Self.alpha)
        #expect(outcome.fixedRate - 3 * fixedError > 3 * Self.alpha)
    }

    /// A 10% relative lift (10% → 11%): reports the sequential test's power by 10,000 users per
    /// arm (2,000 replications, standard error about 0.01), and checks it detects the lift far
    /// more often than an A/A test fires.
    @Test func sequentialPowerForATenPercentLift() {
        let start = ContinuousClock.now
        let outcome = Self.simulate(replications: 2000, control: 0.10, variant: 0.11, seed: 6)
        let error = outcome.monteCarloError(outcome.sequentialRate)
        print("""
            10% relative lift (0.10 → 0.11), 10,000 users per arm, \(outcome.replications) replications \
            (\(ContinuousClock.now - start)): \
            sequential power \(outcome.sequentialRate) ± \(error), naive peeking \(outcome.fixedRate)
            """)
        #expect(outcome.sequentialRate - 3 * error > 0.1)
    }
}
