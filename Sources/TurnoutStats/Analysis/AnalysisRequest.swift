/// The input of the experiment analysis engine: per-arm sufficient statistics and test settings.
///
/// This is the JSON `turnout analyze --input FILE` reads (snake_case keys):
///
/// ```json
/// {"control": "v1", "metric": "mean", "effect": "relative", "test": "sequential",
///  "alpha": 0.05, "tuning": 5000, "alternative": "two_sided", "goal": "maximize",
///  "weights": {"v1": 50, "v2": 50},
///  "arms": [{"name": "v1", "n": 3407, "sum": 1396.87, "sum_squares": 52377.9767},
///           {"name": "v2", "n": 3461, "sum": 2422.7, "sum_squares": 134698.29}]}
/// ```
///
/// Only `arms` and `control` are required; see each property for its default.
public struct AnalysisRequest: Sendable, Hashable {
    /// The arms, control included, in display order.
    public var arms: [Arm]
    /// The name of the control arm.
    public var control: String
    /// Kind of metric (default `mean`).
    public var metric: MetricKind
    /// Relative or absolute effects (default `relative`).
    public var effect: EffectScale
    /// The test to run (default `sequential`).
    public var test: TestKind
    /// Significance level (default 0.05); for the Bayesian test, a winner needs chance to win
    /// of at least `1 - alpha`.
    public var alpha: Double
    /// Sequential tuning N* (default 5000).
    public var tuning: Double
    /// Alternative hypothesis of the frequentist tests (default `two_sided`).
    public var alternative: Alternative
    /// Which direction is better (default `maximize`).
    public var goal: Goal
    /// Configured traffic weights by arm name for the SRM check; omitted means no check.
    public var weights: [String: Double]?
    /// SRM p-value below which assignment counts as broken (default 0.001).
    public var srmThreshold: Double
    /// Each arm needs at least this many units before anything is concluded (default 0).
    public var minSamples: Int
    /// Planned units per arm. A fixed test concludes only once every arm reached it; a sequential
    /// test reaching it without a winner ends with no difference.
    public var plannedSampleSize: Int?
    /// True when this is the last look, JSON key `final` (for example the maximum duration has passed).
    public var isFinalLook: Bool
    /// Prior of the Bayesian model, which also supplies chance to win and risk for the other
    /// tests (default flat).
    public var prior: GaussianPrior
    /// The scale the prior is stated on (default `relative`).
    public var priorScale: EffectScale

    /// One arm's sufficient statistics.
    public struct Arm: Sendable, Hashable {
        /// The arm's name (a model version).
        public var name: String
        /// Count, sum and sum of squares of the metric.
        public var statistics: SufficientStatistics
        /// Units assigned to the arm, for the SRM check when it differs from `n` (default `n`).
        public var assigned: Int?

        /// An arm from its parts.
        public init(name: String, statistics: SufficientStatistics, assigned: Int? = nil) {
            self.name = name
            self.statistics = statistics
            self.assigned = assigned
        }
    }

    /// A request with GrowthBook-like defaults for everything but the arms and the control.
    public init(
        arms: [Arm], control: String, metric: MetricKind = .mean, effect: EffectScale = .relative,
        test: TestKind = .sequential, alpha: Double = 0.05, tuning: Double = 5000,
        alternative: Alternative = .twoSided, goal: Goal = .maximize, weights: [String: Double]? = nil,
        srmThreshold: Double = SampleRatioMismatch.defaultThreshold, minSamples: Int = 0,
        plannedSampleSize: Int? = nil, isFinalLook: Bool = false, prior: GaussianPrior = .flat,
        priorScale: EffectScale = .relative
    ) {
        self.arms = arms
        self.control = control
        self.metric = metric
        self.effect = effect
        self.test = test
        self.alpha = alpha
        self.tuning = tuning
        self.alternative = alternative
        self.goal = goal
        self.weights = weights
        self.srmThreshold = srmThreshold
        self.minSamples = minSamples
        self.plannedSampleSize = plannedSampleSize
        self.isFinalLook = isFinalLook
        self.prior = prior
        self.priorScale = priorScale
    }
}
