/// The output of the experiment analysis engine: per-arm summaries, per-variant comparisons with
/// control, the sample-ratio-mismatch check and the decision.
///
/// Encodes with snake_case keys; numbers that do not apply (a p-value of the Bayesian test, an
/// infinite interval bound) are `null`.
public struct AnalysisResult: Sendable, Hashable {
    /// The test that was run.
    public var test: TestKind
    /// Relative or absolute effects.
    public var effect: EffectScale
    /// The significance level used.
    public var alpha: Double
    /// The control arm's name.
    public var control: String
    /// Every arm, control first as given in the request order.
    public var arms: [ArmSummary]
    /// Every non-control arm compared with control.
    public var variants: [VariantComparison]
    /// The SRM check, when weights were given.
    public var srm: SRMSummary?
    /// What to do now.
    public var decision: ExperimentDecision
    /// The winning arm when ``decision`` is ``ExperimentDecision/variantWins`` (the variant) or
    /// ``ExperimentDecision/controlWins`` (the control).
    public var winner: String?
    /// Human-readable reasons for the decision.
    public var reasons: [String]

    /// An arm's own numbers.
    public struct ArmSummary: Sendable, Hashable {
        /// The arm's name.
        public var name: String
        /// Units observed.
        public var n: Int
        /// Mean of the metric.
        public var mean: Double
        /// `1 - alpha` t-interval for the mean (`nil` with fewer than two units or zero variance).
        public var interval: Interval?
    }

    /// One variant against control.
    public struct VariantComparison: Sendable, Hashable {
        /// The variant's name.
        public var name: String
        /// Point estimate of the effect (posterior mean for the Bayesian test).
        public var effect: Double?
        /// Confidence interval, confidence sequence or credible interval, by test.
        public var interval: Interval?
        /// Standard error of the effect (posterior standard deviation for the Bayesian test).
        public var standardError: Double?
        /// The p-value (`nil` for the Bayesian test).
        public var pValue: Double?
        /// The Holm-adjusted p-value across all variants (`nil` for the Bayesian test).
        public var adjustedPValue: Double?
        /// Probability that the variant is better, from the Bayesian model with the request's prior.
        public var chanceToWin: Double?
        /// Expected loss of keeping control or shipping this variant, same model.
        public var risk: BayesianResult.Risk?
        /// Whether this variant differs significantly from control in the sense of the test.
        public var significant: Bool
        /// Why no numbers could be computed (zero variance, empty arm, zero control mean).
        public var error: String?
    }

    /// The sample-ratio-mismatch check.
    public struct SRMSummary: Sendable, Hashable {
        /// Chi-square statistic.
        public var statistic: Double
        /// Its p-value.
        public var pValue: Double
        /// True when the p-value is below the threshold: assignment looks broken.
        public var warning: Bool
    }
}
