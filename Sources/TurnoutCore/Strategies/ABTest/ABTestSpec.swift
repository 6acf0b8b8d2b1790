import TurnoutStats

/// An A/B(/n) test: sticky weighted assignment, an outcome metric, a statistical test that is
/// looked at on a timer, and what to do once it concludes.
public struct ABTestSpec: Sendable, Equatable {
    /// The version the variants are compared with; aborts return to it.
    public var control: String
    /// The versions under test, compared each with control (Holm-corrected when several).
    public var variants: [String]
    /// Traffic weights, control first, then the variants in order (equal by default).
    public var weights: [VersionWeight]
    /// What is measured per request.
    public var metric: Metric
    /// Which direction is better.
    public var goal: Goal
    /// Whether effects are differences (`absolute`) or ratios to control minus one (`relative`).
    public var effect: EffectScale
    /// The test: `sequential` (always valid: may conclude at any look) or `fixed` (concludes only
    /// once every arm reached `minSamples`).
    public var test: TestKind
    /// Significance level.
    public var alpha: Double
    /// The sequential test's tuning N*: the sample size at which it is most sensitive.
    public var tuning: Double
    /// Units each arm needs before anything is concluded; the planned size of a fixed test.
    public var minSamples: Int
    /// Seconds after which the test ends at its last look (no difference if nothing won).
    public var maxDuration: Double
    /// What happens when the test concludes.
    public var onConclusion: ConclusionAction
    /// Seconds between looks.
    public var interval: Double
    /// Checks that ask another system (Prometheus, a web endpoint) about each variant at every
    /// look: one that fails stops the test, all traffic back to control; inconclusive ones do
    /// nothing.
    public var guardrails: [MetricCheckSpec]

    /// The outcome an A/B test measures.
    public enum Metric: String, Sendable, Equatable, Codable, CaseIterable {
        /// The reward posted to `/v1/feedback` for each request.
        case reward
        /// 1 for a failed request (5xx or an upstream error), 0 otherwise.
        case errorRate = "error_rate"
        /// Request latency in milliseconds.
        case latency

        /// The direction that is better when the configuration does not say.
        public var defaultGoal: Goal { self == .reward ? .maximize : .minimize }
    }

    /// What a concluded test does to the release.
    public enum ConclusionAction: String, Sendable, Equatable, Codable, CaseIterable {
        /// The winner (control when nothing beat it) gets all of the traffic.
        case promote
        /// Control gets all of the traffic, whatever the result.
        case keepControl = "keep_control"
        /// Only record the conclusion; traffic stays split.
        case none
    }

    /// Creates a test; the defaults are those of the configuration reference.
    public init(
        control: String, variants: [String], weights: [VersionWeight]? = nil, metric: Metric = .reward, goal: Goal? = nil,
        effect: EffectScale = .relative, test: TestKind = .sequential, alpha: Double = 0.05, tuning: Double = 5_000,
        minSamples: Int = 1_000, maxDuration: Double = 14 * 86_400, onConclusion: ConclusionAction = .promote, interval: Double = 30,
        guardrails: [MetricCheckSpec] = []
    ) {
        self.control = control
        self.variants = variants
        self.weights = weights ?? ([control] + variants).map { VersionWeight(version: $0, weight: 1) }
        self.metric = metric
        self.goal = goal ?? metric.defaultGoal
        self.effect = effect
        self.test = test
        self.alpha = alpha
        self.tuning = tuning
        self.minSamples = minSamples
        self.maxDuration = maxDuration
        self.onConclusion = onConclusion
        self.interval = interval
        self.guardrails = guardrails
    }

    /// Every arm, control first.
    public var arms: [String] { [control] + variants }

    enum CodingKeys: String, CodingKey {
        case control, variants, weights, metric, goal, effect, test, alpha, tuning, interval, guardrails
        case minSamples = "min_samples"
        case maxDuration = "max_duration"
        case onConclusion = "on_conclusion"
    }
}
