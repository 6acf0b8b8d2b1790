/// Welch's unequal-variance t-test on sufficient statistics, GrowthBook-style.
///
/// Matches `gbstats.frequentist.tests.TwoSidedTTest` and the one-sided
/// `OneSidedTreatmentGreaterTTest` / `OneSidedTreatmentLesserTTest` (gbstats 0.8.0), including
/// the delta-method variance of relative effects. Proportions use the same test with `p (1 - p)`.
public struct WelchTTest: Sendable, Hashable {
    /// Significance level; the interval has coverage `1 - alpha`.
    public var alpha: Double
    /// The alternative hypothesis.
    public var alternative: Alternative
    /// Relative (lift) or absolute effect.
    public var scale: EffectScale
    /// The kind of metric, which picks the variance formula.
    public var metric: MetricKind
    /// The effect under the null hypothesis (GrowthBook's `test_value`), usually 0.
    public var nullEffect: Double

    /// A test with the given settings.
    public init(
        alpha: Double = 0.05, alternative: Alternative = .twoSided, scale: EffectScale = .relative,
        metric: MetricKind = .mean, nullEffect: Double = 0
    ) {
        self.alpha = alpha
        self.alternative = alternative
        self.scale = scale
        self.metric = metric
        self.nullEffect = nullEffect
    }

    /// Tests `variant` against `control`.
    public func evaluate(control: SufficientStatistics, variant: SufficientStatistics) throws(StatisticsError) -> FrequentistResult {
        guard alpha > 0, alpha < 1 else { throw .invalidParameter("alpha must be in (0, 1), got \(alpha)") }
        let estimate = try EffectEstimate(control: control, variant: variant, metric: metric, scale: scale)
        return evaluate(estimate)
    }

    /// Only the p-value of a precomputed estimate (skips the interval's quantile, for simulations).
    public func pValue(_ estimate: EffectEstimate) -> Double {
        let distribution = StudentTDistribution(degreesOfFreedom: estimate.degreesOfFreedom)
        let statistic = (estimate.effect - nullEffect) / estimate.standardError
        switch alternative {
        case .twoSided: return 2 * distribution.sf(abs(statistic))
        case .greater: return distribution.sf(statistic)
        case .less: return distribution.cdf(statistic)
        }
    }

    /// Tests a precomputed effect estimate.
    public func evaluate(_ estimate: EffectEstimate) -> FrequentistResult {
        let distribution = StudentTDistribution(degreesOfFreedom: estimate.degreesOfFreedom)
        let standardError = estimate.standardError
        let pValue = pValue(estimate)
        let interval: Interval
        switch alternative {
        case .twoSided:
            let halfWidth = distribution.upperQuantile(alpha / 2) * standardError
            interval = Interval(center: estimate.effect, halfWidth: halfWidth)
        case .greater:
            let width = distribution.upperQuantile(alpha) * standardError
            interval = Interval(lower: estimate.effect - width, upper: .infinity)
        case .less:
            // gbstats' OneSidedTreatmentLesserTTest reports [-inf, effect - width]; the upper
            // confidence bound of a "less" test is effect + width, which is what this returns.
            let width = distribution.upperQuantile(alpha) * standardError
            interval = Interval(lower: -.infinity, upper: estimate.effect + width)
        }
        return FrequentistResult(
            effect: estimate.effect, interval: interval, standardError: standardError,
            pValue: pValue, degreesOfFreedom: estimate.degreesOfFreedom)
    }
}
