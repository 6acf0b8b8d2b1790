import Foundation

/// The normal-mixture sequential probability ratio test: always-valid p-values and confidence
/// sequences, safe to look at after every observation.
///
/// Two-sided, it is GrowthBook's `SequentialTwoSidedTTest` (gbstats 0.8.0; Waudby-Smith et al.
/// 2023, eqs. 9, 155, 161): with `N` the total units, `σ² = N · Var(Δ̂)` and
/// `ρ² = (−2 ln α + ln(−2 ln α + 1)) / N*`, the e-value is
/// `exp(ρ² N Δ̂² / (2 σ² (N ρ² + 1))) / √(N ρ² + 1)`, the p-value `min(1, 1/e)` and the
/// confidence sequence `Δ̂ ± σ √(2 (N ρ² + 1) ln(√(N ρ² + 1) / α) / (N ρ)²)`.
///
/// One-sided (not in gbstats 0.8.0) it mixes over a half-normal prior on the effect's sign of
/// interest, which multiplies the e-value by `2 Φ(±ρ √N Δ̂ / (σ √(N ρ² + 1)))`; the result is
/// still a nonnegative martingale under the null, so Ville's inequality keeps the p-value
/// valid. The one-sided bound is the exact inversion of that p-value (found by bisection).
public struct SequentialTest: Sendable, Hashable {
    /// Significance level of the p-value and of the confidence sequence.
    public var alpha: Double
    /// N*, the total sample size at which the sequence is tightest (GrowthBook's tuning parameter).
    public var tuning: Double
    /// The alternative hypothesis.
    public var alternative: Alternative
    /// Relative (lift) or absolute effect.
    public var scale: EffectScale
    /// The kind of metric, which picks the variance formula.
    public var metric: MetricKind
    /// The effect under the null hypothesis, usually 0.
    public var nullEffect: Double

    /// A test with the given settings (GrowthBook's default tuning is 5000).
    public init(
        alpha: Double = 0.05, tuning: Double = 5000, alternative: Alternative = .twoSided,
        scale: EffectScale = .relative, metric: MetricKind = .mean, nullEffect: Double = 0
    ) {
        self.alpha = alpha
        self.tuning = tuning
        self.alternative = alternative
        self.scale = scale
        self.metric = metric
        self.nullEffect = nullEffect
    }

    /// The mixing variance `ρ² = (−2 ln α + ln(−2 ln α + 1)) / N*`.
    public var rhoSquared: Double {
        let minusTwoLogAlpha = -2 * Foundation.log(alpha)
        return (minusTwoLogAlpha + Foundation.log(minusTwoLogAlpha + 1)) / tuning
    }

    /// Tests `variant` against `control`.
    public func evaluate(control: SufficientStatistics, variant: SufficientStatistics) throws(StatisticsError) -> FrequentistResult {
        guard alpha > 0, alpha < 1 else { throw .invalidParameter("alpha must be in (0, 1), got \(alpha)") }
        guard tuning > 0, tuning.isFinite else { throw .invalidParameter("tuning must be a positive number, got \(tuning)") }
        let estimate = try EffectEstimate(control: control, variant: variant, metric: metric, scale: scale)
        return evaluate(estimate)
    }

    /// Tests a precomputed effect estimate.
    public func evaluate(_ estimate: EffectEstimate) -> FrequentistResult {
        let pValue = pValue(estimate, nullEffect: nullEffect)
        let interval: Interval
        switch alternative {
        case .twoSided:
            interval = Interval(center: estimate.effect, halfWidth: twoSidedHalfWidth(estimate))
        case .greater:
            interval = Interval(lower: oneSidedBound(estimate, sign: 1), upper: .infinity)
        case .less:
            interval = Interval(lower: -.infinity, upper: oneSidedBound(estimate, sign: -1))
        }
        return FrequentistResult(
            effect: estimate.effect, interval: interval, standardError: estimate.standardError,
            pValue: pValue, degreesOfFreedom: nil)
    }

    /// Only the always-valid p-value of a precomputed estimate (for simulations).
    public func pValue(_ estimate: EffectEstimate) -> Double {
        pValue(estimate, nullEffect: nullEffect)
    }

    // MARK: - Internals

    /// The always-valid p-value `min(1, 1 / e)` for the hypothesis `effect == nullEffect`.
    func pValue(_ estimate: EffectEstimate, nullEffect: Double) -> Double {
        let logE = logEValue(estimate, nullEffect: nullEffect)
        return logE <= 0 ? 1 : Swift.min(1, Foundation.exp(-logE))
    }

    /// Log of the mixture e-value (the likelihood ratio integrated over the mixing prior).
    func logEValue(_ estimate: EffectEstimate, nullEffect: Double) -> Double {
        let units = Double(estimate.totalUnits)
        let rho2 = rhoSquared
        let shrink = units * rho2 + 1
        let deviation = estimate.effect - nullEffect
        // N Δ² / σ² with σ² = N Var, i.e. the squared z statistic times N / N.
        let squaredStatistic = deviation * deviation / estimate.variance
        let twoSidedLog = rho2 * units * squaredStatistic / (2 * shrink) - 0.5 * Foundation.log(shrink)
        switch alternative {
        case .twoSided:
            return twoSidedLog
        case .greater, .less:
            let direction: Double = alternative == .greater ? 1 : -1
            let signedRoot = direction * deviation / estimate.standardError * (rho2 * units / shrink).squareRoot()
            return twoSidedLog + Foundation.log(2 * NormalDistribution.standardCDF(signedRoot))
        }
    }

    /// Half-width of the two-sided confidence sequence at level `alpha`.
    func twoSidedHalfWidth(_ estimate: EffectEstimate) -> Double {
        let units = Double(estimate.totalUnits)
        let rho2 = rhoSquared
        let shrink = units * rho2 + 1
        let sigma2 = estimate.variance * units
        let inner = 2 * shrink * Foundation.log(shrink.squareRoot() / alpha) / (units * units * rho2)
        return (sigma2 * inner).squareRoot()
    }

    /// The one-sided confidence bound: the most extreme null value the one-sided p-value does
    /// not reject. `sign` is +1 for a lower bound (`greater`) and -1 for an upper bound (`less`).
    func oneSidedBound(_ estimate: EffectEstimate, sign: Double) -> Double {
        // At the estimate the p-value is 1; at the two-sided bound the half-normal e-value is at
        // least the two-sided one, which equals 1/alpha there, so the root lies in between.
        var inside = estimate.effect
        var outside = estimate.effect - sign * twoSidedHalfWidth(estimate)
        for _ in 0..<200 {
            let middle = (inside + outside) / 2
            if middle == inside || middle == outside { break }
            if pValue(estimate, nullEffect: middle) > alpha { inside = middle } else { outside = middle }
        }
        return inside
    }
}
