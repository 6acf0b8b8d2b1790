import Foundation
import Testing
@testable import TurnoutStats

/// What the canary checks promise beyond single reference values: summaries, guards on bad
/// input, invariances, and the error-rate check's false-abort rate when read at every interval.
@Suite("Canary check behaviour")
struct CanaryCheckBehaviourTests {
    @Test func numbersAreShortAndReadable() {
        #expect(CanaryNumberFormat.value(0.0943) == "0.0943")
        #expect(CanaryNumberFormat.value(0.002) == "0.002")
        #expect(CanaryNumberFormat.value(0) == "0")
        #expect(CanaryNumberFormat.signed(0.092) == "+0.092")
        #expect(CanaryNumberFormat.signed(-0.01) == "-0.01")
        #expect(CanaryNumberFormat.pValue(1.234e-9) == "1.2e-9")
        #expect(CanaryNumberFormat.pValue(0.031) == "0.031")
        #expect(CanaryNumberFormat.pValue(1) == "1")
        #expect(CanaryNumberFormat.value(1.5e12) == "1.5e12")
    }

    @Test func errorRateSummaryNamesTheNumbers() {
        let result = CanaryErrorRateCheck().evaluate(
            stable: (requests: 1000, errors: 2), canary: (requests: 1000, errors: 100))
        #expect(result.verdict == .fail)
        #expect(result.summary.hasPrefix("canary error rate 0.1 vs stable 0.002 (+0.098, allowed +0.005), p="))
        #expect(result.summary.hasSuffix(", above the ceiling 0.01"))
        #expect(result.values["canary_error_rate"] == 0.1)
        #expect(result.values["stable_error_rate"] == 0.002)
    }

    @Test func valuesEncodeAsJSON() throws {
        let results = [
            CanaryErrorRateCheck().evaluate(stable: (requests: 1000, errors: 0), canary: (requests: 1000, errors: 0)),
            CanaryErrorRateCheck().evaluate(stable: (requests: 10, errors: 0), canary: (requests: 1000, errors: 0)),
            CanaryLatencyCheck().evaluate(stable: Array(repeating: 0, count: 300), canary: Array(repeating: -1, count: 300)),
            CanaryRewardCheck().evaluate(stable: .proportion(successes: 200, of: 200), canary: .proportion(successes: 0, of: 200)),
        ]
        for result in results {
            let data = try JSONSerialization.data(withJSONObject: result.values)
            #expect(!data.isEmpty, "\(result.summary)")
        }
    }

    @Test(arguments: [(-1, 0), (10, -1), (10, 11)])
    func impossibleCountsAreInconclusive(_ counts: (requests: Int, errors: Int)) {
        let healthy = (requests: 1000, errors: 1)
        let check = CanaryErrorRateCheck()
        let asCanary = check.evaluate(stable: healthy, canary: counts)
        let asStable = check.evaluate(stable: counts, canary: healthy)
        #expect(asCanary.verdict == .inconclusive)
        #expect(asCanary.summary.hasPrefix("invalid canary counts"))
        #expect(asStable.verdict == .inconclusive)
        #expect(asStable.summary.hasPrefix("invalid stable counts"))
    }

    @Test func moreCanaryErrorsNeverTurnAFailIntoAPass() {
        let check = CanaryErrorRateCheck(maxErrorRate: 1)
        var failed = false
        for errors in 0...200 {
            let verdict = check.evaluate(stable: (requests: 2000, errors: 10), canary: (requests: 1000, errors: errors)).verdict
            if failed { #expect(verdict == .fail, "\(errors) errors") }
            failed = failed || verdict == .fail
        }
        #expect(failed)
    }

    @Test func latencyVerdictIgnoresTheTimeUnit() {
        var generator = SeededGenerator(seed: 8)
        let stable = (0..<400).map { _ in Foundation.exp(RandomVariate.normal(mean: -3, standardDeviation: 0.5, using: &generator)) }
        let canary = (0..<400).map { _ in 1.4 * Foundation.exp(RandomVariate.normal(mean: -3, standardDeviation: 0.5, using: &generator)) }
        let check = CanaryLatencyCheck()
        let seconds = check.evaluate(stable: stable, canary: canary)
        // Milliseconds: every log moves by the same log(1000), so the shift keeps its value.
        let milliseconds = check.evaluate(stable: stable.map { $0 * 1000 }, canary: canary.map { $0 * 1000 })
        #expect(seconds.verdict == milliseconds.verdict)
        #expect(abs(seconds.values["ratio"]! - milliseconds.values["ratio"]!) < 1e-9)
        #expect(seconds.values["u"] == milliseconds.values["u"])
    }

    @Test func nonFiniteLatenciesAreDropped() {
        let stable = Array(repeating: 0.01, count: 200) + [.nan, .infinity]
        let canary = Array(repeating: 0.01, count: 199) + [.nan]
        let result = CanaryLatencyCheck().evaluate(stable: stable, canary: canary)
        #expect(result.verdict == .inconclusive)
        #expect(result.values["stable_samples"] == 200)
        #expect(result.values["canary_samples"] == 199)
    }

    @Test func noFeedbackIsInconclusiveAndABetterCanaryPasses() {
        let check = CanaryRewardCheck()
        #expect(check.evaluate(stable: .empty, canary: .empty).verdict == .inconclusive)
        let better = check.evaluate(stable: .proportion(successes: 500, of: 1000), canary: .proportion(successes: 900, of: 1000))
        #expect(better.verdict == .pass)
        #expect(better.values["p_value"] == 1)
    }

    /// A canary exactly `allowedIncrease` worse than stable (the edge of the null hypothesis),
    /// checked after every 250 requests per version up to 5000: the share of releases ever
    /// aborted stays near or below alpha however often the check runs.
    @Test func errorRateCheckReadEveryIntervalKeepsItsFalseAbortRate() {
        let check = CanaryErrorRateCheck(maxErrorRate: 1, allowedIncrease: 0.005, minRequests: 200, alpha: 0.02)
        let stableDraw = PeekingSimulationTests.BinomialSampler(trials: 250, probability: 0.01)
        let canaryDraw = PeekingSimulationTests.BinomialSampler(trials: 250, probability: 0.015)
        let releases = 500
        var generator = SeededGenerator(seed: 2026)
        var aborted = 0
        for _ in 0..<releases {
            var stable = (requests: 0, errors: 0)
            var canary = (requests: 0, errors: 0)
            for _ in 0..<20 {
                stable.requests += 250
                stable.errors += stableDraw.draw(using: &generator)
                canary.requests += 250
                canary.errors += canaryDraw.draw(using: &generator)
                if check.evaluate(stable: stable, canary: canary).verdict == .fail {
                    aborted += 1
                    break
                }
            }
        }
        // alpha plus three Monte Carlo standard errors.
        let limit = 0.02 + 3 * (0.02 * 0.98 / Double(releases)).squareRoot()
        #expect(Double(aborted) / Double(releases) <= limit, "\(aborted) of \(releases) aborted")
    }
}
