/// Compares the canary's error rate with the stable version's on the traffic of the same window.
///
/// The check fails when the canary's observed error rate is above the absolute ceiling
/// ``maxErrorRate``, or when a one-sided always-valid test (the normal-mixture SPRT of
/// ``SequentialTest``, absolute scale, Bernoulli variance) rejects
/// `H0: p_canary - p_stable <= allowedIncrease` at ``alpha``. Because the p-value is always
/// valid, the controller may run this check at every analysis interval on growing windows
/// without inflating the false-abort rate. It passes when neither holds and the observed increase
/// is within the allowance; an increase beyond it that is not yet significant is inconclusive (more
/// traffic decides). It is inconclusive too while either version has fewer than ``minRequests``.
///
/// Zero variance: the difference's variance is `p_c (1 - p_c) / n_c + p_s (1 - p_s) / n_s`
/// (unpooled, as in the A/B tests), which is positive as soon as one version has an error rate
/// strictly between 0 and 1, so a stable version without errors is tested normally. When neither
/// version varies (typically no errors on either side) the difference is known exactly: the
/// p-value is 1 when it is within the allowed increase and 0 otherwise, so two error-free
/// versions pass instead of producing NaN.
public struct CanaryErrorRateCheck: Sendable, Hashable {
    /// The canary fails whenever its observed error rate is above this (absolute) rate.
    public var maxErrorRate: Double
    /// The largest increase of the error rate over stable that is still acceptable (absolute).
    public var allowedIncrease: Double
    /// Requests each version needs in the window before the check concludes anything.
    public var minRequests: Int
    /// Significance level of the one-sided sequential test.
    public var alpha: Double
    /// The sequential test's N*, the total sample size at which it is most sensitive.
    public var tuning: Double

    /// A check with the given settings; the defaults are those of the canary analysis configuration.
    public init(
        maxErrorRate: Double = 0.01, allowedIncrease: Double = 0.005, minRequests: Int = 200,
        alpha: Double = 0.02, tuning: Double = 5000
    ) {
        self.maxErrorRate = maxErrorRate
        self.allowedIncrease = allowedIncrease
        self.minRequests = minRequests
        self.alpha = alpha
        self.tuning = tuning
    }

    /// The sequential test this check runs: `H1: p_canary - p_stable > allowedIncrease`.
    public var sequentialTest: SequentialTest {
        SequentialTest(
            alpha: alpha, tuning: tuning, alternative: .greater, scale: .absolute,
            metric: .proportion, nullEffect: allowedIncrease)
    }

    /// Judges the canary's errors against the stable version's in the same window.
    ///
    /// Counts that make no sense (negative, or more errors than requests) give an inconclusive
    /// result that says so, rather than a verdict built on them.
    public func evaluate(stable: (requests: Int, errors: Int), canary: (requests: Int, errors: Int)) -> CanaryCheckResult {
        var values: [String: Double] = [
            "stable_requests": Double(stable.requests), "stable_errors": Double(stable.errors),
            "canary_requests": Double(canary.requests), "canary_errors": Double(canary.errors),
            "min_requests": Double(minRequests),
        ]
        for (name, counts) in [("stable", stable), ("canary", canary)]
        where counts.requests < 0 || counts.errors < 0 || counts.errors > counts.requests {
            return CanaryCheckResult(
                verdict: .inconclusive,
                summary: "invalid \(name) counts: \(counts.errors) errors in \(counts.requests) requests",
                values: values)
        }
        // With no requests at all there is no rate, whatever minRequests says.
        let needed = Swift.max(minRequests, 1)
        guard stable.requests >= needed, canary.requests >= needed else {
            return CanaryCheckResult(
                verdict: .inconclusive,
                summary: "too few requests: canary \(canary.requests), stable \(stable.requests) (need \(needed) each)",
                values: values)
        }
        let stableArm = SufficientStatistics.proportion(successes: Double(stable.errors), of: stable.requests)
        let canaryArm = SufficientStatistics.proportion(successes: Double(canary.errors), of: canary.requests)
        let difference = canaryArm.mean - stableArm.mean
        let (pValue, lowerBound) = test(stable: stableArm, canary: canaryArm)
        let aboveCeiling = canaryArm.mean > maxErrorRate
        let rejected = pValue < alpha
        values.merge([
            "stable_error_rate": stableArm.mean, "canary_error_rate": canaryArm.mean,
            "difference": difference, "difference_lower_bound": lowerBound,
            "allowed_increase": allowedIncrease, "max_error_rate": maxErrorRate,
            "p_value": pValue, "alpha": alpha,
        ]) { _, new in new }
        var summary = "canary error rate \(CanaryNumberFormat.value(canaryArm.mean))"
            + " vs stable \(CanaryNumberFormat.value(stableArm.mean))"
            + " (\(CanaryNumberFormat.signed(difference)), allowed \(CanaryNumberFormat.signed(allowedIncrease)))"
            + ", p=\(CanaryNumberFormat.pValue(pValue))"
        if rejected { summary += " < alpha \(CanaryNumberFormat.value(alpha))" }
        if aboveCeiling { summary += ", above the ceiling \(CanaryNumberFormat.value(maxErrorRate))" }
        if rejected || aboveCeiling { return CanaryCheckResult(verdict: .fail, summary: summary, values: values) }
        // Not significantly worse is not enough: an increase beyond the allowance waits for more evidence.
        guard difference <= allowedIncrease else {
            return CanaryCheckResult(verdict: .inconclusive, summary: summary + ": above the allowance, not yet significant", values: values)
        }
        return CanaryCheckResult(verdict: .pass, summary: summary, values: values)
    }

    /// The always-valid p-value of `H0: difference <= allowedIncrease` and the one-sided lower
    /// confidence bound of the difference (at `1 - alpha`, valid at every look).
    func test(stable: SufficientStatistics, canary: SufficientStatistics) -> (pValue: Double, lowerBound: Double) {
        guard let estimate = EffectEstimate(absoluteDifference: stable, variant: canary, metric: .proportion) else {
            // Neither version varies, so the difference is exact: no sampling error to test.
            let difference = canary.mean - stable.mean
            return (difference > allowedIncrease ? 0 : 1, difference)
        }
        let result = sequentialTest.evaluate(estimate)
        return (result.pValue, result.interval.lower)
    }
}
