/// GrowthBook's Bayesian Gaussian effect model (`EffectBayesianABTest`, gbstats 0.8.0).
///
/// The likelihood of the effect is normal with the frequentist estimate and its variance; with
/// a normal prior the posterior precision is the sum of precisions. Chance to win is
/// `P(δ > 0)`, the credible interval is equal-tailed, and the risks are the closed forms
/// `E[max(δ, 0)] = μ Φ(μ/σ) + σ φ(μ/σ)` and `E[max(-δ, 0)] = σ φ(μ/σ) - μ Φ(-μ/σ)`.
public struct BayesianEffectTest: Sendable, Hashable {
    /// One minus the credible interval's mass.
    public var alpha: Double
    /// Relative (lift) or absolute effect.
    public var scale: EffectScale
    /// The kind of metric, which picks the variance formula.
    public var metric: MetricKind
    /// The prior on the effect.
    public var prior: GaussianPrior
    /// The scale the prior is stated on; it is rescaled by the control mean when it differs
    /// from ``scale`` (GrowthBook's `prior_type`).
    public var priorScale: EffectScale
    /// True when lower values are better (errors, latency): chance to win becomes `P(δ < 0)`
    /// and the two risks swap.
    public var lowerIsBetter: Bool

    /// A model with the given settings.
    public init(
        alpha: Double = 0.05, scale: EffectScale = .relative, metric: MetricKind = .mean,
        prior: GaussianPrior = .flat, priorScale: EffectScale = .relative, lowerIsBetter: Bool = false
    ) {
        self.alpha = alpha
        self.scale = scale
        self.metric = metric
        self.prior = prior
        self.priorScale = priorScale
        self.lowerIsBetter = lowerIsBetter
    }

    /// Computes the posterior of the effect of `variant` over `control`.
    public func evaluate(control: SufficientStatistics, variant: SufficientStatistics) throws(StatisticsError) -> BayesianResult {
        guard alpha > 0, alpha < 1 else { throw .invalidParameter("alpha must be in (0, 1), got \(alpha)") }
        if prior.proper, !(prior.variance > 0) {
            throw .invalidParameter("prior variance must be positive, got \(prior.variance)")
        }
        let estimate = try EffectEstimate(control: control, variant: variant, metric: metric, scale: scale)
        let prior = rescaledPrior(controlMean: control.mean)
        let posteriorPrecision = 1 / estimate.variance + (prior.proper ? 1 / prior.variance : 0)
        let posteriorMean = prior.proper
            ? (estimate.effect / estimate.variance + prior.mean / prior.variance) / posteriorPrecision
            : estimate.effect
        let posteriorSD = (1 / posteriorPrecision).squareRoot()
        let posterior = NormalDistribution(mean: posteriorMean, standardDeviation: posteriorSD)
        let chanceHigher = posterior.sf(0)
        let risk = Self.risks(mean: posteriorMean, standardDeviation: posteriorSD)
        return BayesianResult(
            effect: posteriorMean,
            interval: Interval(lower: posterior.quantile(alpha / 2), upper: posterior.upperQuantile(alpha / 2)),
            standardError: posteriorSD,
            chanceToWin: lowerIsBetter ? posterior.cdf(0) : chanceHigher,
            risk: lowerIsBetter ? .init(control: risk.variant, variant: risk.control) : risk)
    }

    /// The prior on the scale of the test, rescaled by the control mean if needed.
    func rescaledPrior(controlMean: Double) -> GaussianPrior {
        switch (priorScale, scale) {
        case (.absolute, .relative):
            GaussianPrior(mean: prior.mean / abs(controlMean), variance: prior.variance / (controlMean * controlMean), proper: prior.proper)
        case (.relative, .absolute):
            GaussianPrior(mean: prior.mean * abs(controlMean), variance: prior.variance * controlMean * controlMean, proper: prior.proper)
        default:
            prior
        }
    }

    /// Expected losses of keeping control and of shipping the variant for `δ ~ N(μ, σ²)`.
    static func risks(mean mu: Double, standardDeviation sigma: Double) -> BayesianResult.Risk {
        let z = mu / sigma
        let density = sigma * NormalDistribution.standard.pdf(z)
        let control = mu * NormalDistribution.standardCDF(z) + density
        let variant = density - mu * NormalDistribution.standardCDF(-z)
        return .init(control: Swift.max(0, control), variant: Swift.max(0, variant))
    }
}
