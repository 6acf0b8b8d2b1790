import Testing
import TurnoutStats

/// The vectors published by GrowthBook's stats engine, as quoted verbatim in issue 6.
/// Each must match within 1e-5.
@Suite("GrowthBook published vectors")
struct PublishedVectorsTests {
    let within = Tolerance(relative: 0, absolute: 1e-5)
    let control = SufficientStatistics(n: 3407, sum: 1396.87, sumSquares: 52377.9767)
    let variant = SufficientStatistics(n: 3461, sum: 2422.7, sumSquares: 134698.29)

    @Test func welchRelative() throws {
        let result = try WelchTTest(scale: .relative).evaluate(control: control, variant: variant)
        #expect(within.accepts(result.effect, 0.70732))
        #expect(within.accepts(result.interval.lower, -0.03526))
        #expect(within.accepts(result.interval.upper, 1.44989))
        #expect(within.accepts(result.standardError, 0.37879))
        #expect(within.accepts(result.pValue, 0.06191))
    }

    @Test func welchAbsolute() throws {
        let result = try WelchTTest(scale: .absolute).evaluate(control: control, variant: variant)
        #expect(within.accepts(result.effect, 0.29))
        #expect(within.accepts(result.interval.lower, 0.04538))
        #expect(within.accepts(result.interval.upper, 0.53462))
        #expect(within.accepts(result.standardError, 0.12478))
        #expect(within.accepts(result.pValue, 0.02016))
    }

    @Test func proportionsRelative() throws {
        let result = try WelchTTest(scale: .relative, metric: .proportion)
            .evaluate(control: .proportion(successes: 14, of: 28), variant: .proportion(successes: 16, of: 30))
        #expect(within.accepts(result.effect, 0.06667))
        #expect(within.accepts(result.interval.lower, -0.47767))
        #expect(within.accepts(result.interval.upper, 0.61101))
        #expect(within.accepts(result.standardError, 0.2717))
        #expect(within.accepts(result.pValue, 0.80707))
    }

    @Test func sequentialRelativeTuning1000() throws {
        let control3000 = SufficientStatistics(n: 3000, sum: 1396.87, sumSquares: 52377.9767)
        let result = try SequentialTest(tuning: 1000, scale: .relative).evaluate(control: control3000, variant: variant)
        #expect(within.accepts(result.effect, 0.50336))
        #expect(within.accepts(result.interval.lower, -0.55844))
        #expect(within.accepts(result.interval.upper, 1.56516))
        #expect(within.accepts(result.pValue, 1))
    }

    @Test func bayesianFlatPriorProportions() throws {
        let result = try BayesianEffectTest(scale: .relative, metric: .proportion, prior: .flat)
            .evaluate(control: .proportion(successes: 49, of: 100), variant: .proportion(successes: 51, of: 100))
        #expect(within.accepts(result.effect, 0.04082))
        #expect(within.accepts(result.interval.lower, -0.24779))
        #expect(within.accepts(result.interval.upper, 0.32943))
        #expect(within.accepts(result.chanceToWin, 0.60918))
        #expect(within.accepts(result.risk.control, 0.0814))
        #expect(within.accepts(result.risk.variant, 0.04058))
    }

    @Test func sampleRatioMismatch() throws {
        let srm = try SampleRatioMismatch(counts: [1000, 1200], weights: [0.5, 0.5])
        #expect(Tolerance(relative: 1e-4, absolute: 0).accepts(srm.pValue, 0.000020079))
        #expect(srm.isMismatch())
    }
}
