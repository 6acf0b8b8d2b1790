/// Compares the canary's mean reward (from feedback) with the stable version's.
///
/// A one-sided always-valid test (the normal-mixture SPRT of ``SequentialTest``, absolute
/// difference of means, sample variances) of `H0: mean_canary >= mean_stable`: the check fails
/// when the test rejects at ``alpha``, meaning the canary's reward is worse; it passes when both
/// versions have at least ``minSamples`` rewards and the test does not reject; it is inconclusive
/// with less feedback than that. Higher rewards are better.
///
/// Zero variance: one version with constant rewards is tested normally (the difference's
/// variance is the other version's). When both are constant the difference is exact: a lower
/// canary mean fails (p-value 0), anything else passes (p-value 1).
public struct CanaryRewardCheck: Sendable, Hashable {
    /// Significance level of the one-sided sequential test.
    public var alpha: Double
    /// Rewards each version needs before the check concludes anything.
    public var minSamples: Int
    /// The sequential test's N*, the total sample size at which it is most sensitive.
    public var tuning: Double

    /// A check with the given settings.
    public init(alpha: Double = 0.02, minSamples: Int = 100, tuning: Double = 5000) {
        self.alpha = alpha
        self.minSamples = minSamples
        self.tuning = tuning
    }

    /// The sequential test this check runs: `H1: mean_canary - mean_stable < 0`.
    public var sequentialTest: SequentialTest {
        SequentialTest(alpha: alpha, tuning: tuning, alternative: .less, scale: .absolute, metric: .mean, nullEffect: 0)
    }

    /// Judges the canary's rewards against the stable version's.
    public func evaluate(stable: SufficientStatistics, canary: SufficientStatistics) -> CanaryCheckResult {
        var values: [String: Double] = [
            "stable_samples": Double(stable.n), "canary_samples": Double(canary.n), "min_samples": Double(minSamples),
        ]
        guard [stable.sum, stable.sumSquares, canary.sum, canary.sumSquares].allSatisfy(\.isFinite) else {
            return CanaryCheckResult(verdict: .inconclusive, summary: "rewards are not finite numbers", values: values)
        }
        // A sample variance needs two values, whatever minSamples says.
        let needed = Swift.max(minSamples, 2)
        guard stable.n >= needed, canary.n >= needed else {
            return CanaryCheckResult(
                verdict: .inconclusive,
                summary: "too little feedback: canary \(canary.n), stable \(stable.n) rewards (need \(needed) each)",
                values: values)
        }
        let difference = canary.mean - stable.mean
        let (pValue, upperBound) = test(stable: stable, canary: canary)
        let rejected = pValue < alpha
        values.merge([
            "stable_mean": stable.mean, "canary_mean": canary.mean, "difference": difference,
            "difference_upper_bound": upperBound, "p_value": pValue, "alpha": alpha,
        ]) { _, new in new }
        var summary = "canary reward \(CanaryNumberFormat.value(canary.mean)) vs stable \(CanaryNumberFormat.value(stable.mean))"
            + " (\(CanaryNumberFormat.signed(difference))), p=\(CanaryNumberFormat.pValue(pValue))"
        if rejected { summary += " < alpha \(CanaryNumberFormat.value(alpha)): the canary's reward is lower" }
        return CanaryCheckResult(verdict: rejected ? .fail : .pass, summary: summary, values: values)
    }

    /// The always-valid p-value of `H0: mean_canary >= mean_stable` and the one-sided upper
    /// confidence bound of the difference.
    func test(stable: SufficientStatistics, canary: SufficientStatistics) -> (pValue: Double, upperBound: Double) {
        guard let estimate = EffectEstimate(absoluteDifference: stable, variant: canary, metric: .mean) else {
            let difference = canary.mean - stable.mean
            return (difference < 0 ? 0 : 1, difference)
        }
        let result = sequentialTest.evaluate(estimate)
        return (result.pValue, result.interval.upper)
    }
}
