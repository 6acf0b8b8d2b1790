/// The statistics engine's analysis of an A/B test, inside an ``ExperimentAnswer``; the same
/// shape `turnout analyze` prints. A value that does not apply, or is not a finite number, is
/// `null`; an interval is `[lower, upper]` with `null` for an unbounded side.
public struct ABTestResultAnswer: Sendable, Hashable, Codable {
    /// `fixed`, `sequential` or `bayesian`.
    public var test: String
    /// `relative` or `absolute`.
    public var effect: String
    /// The significance level.
    public var alpha: Double
    /// The control arm.
    public var control: String
    /// Each arm's evidence.
    public var arms: [Arm]
    /// Each variant against control.
    public var variants: [Variant]
    /// The sample-ratio-mismatch check; `null` when it was not run.
    public var srm: SampleRatio?
    /// `keep_running`, `variant_wins`, `control_wins` or `no_difference`.
    public var decision: String
    /// The winning arm, if any.
    public var winner: String?
    /// Why the engine decided as it did.
    public var reasons: [String]

    /// Creates an analysis.
    public init(
        test: String, effect: String, alpha: Double, control: String, arms: [Arm], variants: [Variant], srm: SampleRatio?,
        decision: String, winner: String?, reasons: [String]
    ) {
        self.test = test
        self.effect = effect
        self.alpha = alpha
        self.control = control
        self.arms = arms
        self.variants = variants
        self.srm = srm
        self.decision = decision
        self.winner = winner
        self.reasons = reasons
    }

    /// Whether effects are relative (lifts) rather than in the metric's units.
    public var isRelative: Bool { effect == "relative" }

    enum CodingKeys: String, CodingKey {
        case test, effect, alpha, control, arms, variants, srm, decision, winner, reasons
    }

    /// Writes every key, `null` where a value does not apply.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(test, forKey: .test)
        try container.encode(effect, forKey: .effect)
        try container.encode(alpha, forKey: .alpha)
        try container.encode(control, forKey: .control)
        try container.encode(arms, forKey: .arms)
        try container.encode(variants, forKey: .variants)
        try container.encode(srm, forKey: .srm)
        try container.encode(decision, forKey: .decision)
        try container.encode(winner, forKey: .winner)
        try container.encode(reasons, forKey: .reasons)
    }

    /// One arm: units with the metric, the mean and its interval.
    public struct Arm: Sendable, Hashable, Codable {
        /// The arm's version.
        public var name: String
        /// Units with the metric.
        public var n: Int
        /// The mean; `null` without data.
        public var mean: Double?
        /// The mean's confidence interval.
        public var ci: [Double?]?

        /// Creates an arm.
        public init(name: String, n: Int, mean: Double?, ci: [Double?]?) {
            self.name = name
            self.n = n
            self.mean = mean
            self.ci = ci
        }

        enum CodingKeys: String, CodingKey {
            case name, n, mean, ci
        }

        /// Writes every key.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(n, forKey: .n)
            try container.encode(mean, forKey: .mean)
            try container.encode(ci, forKey: .ci)
        }
    }

    /// One variant against control.
    public struct Variant: Sendable, Hashable, Codable {
        /// The variant's version.
        public var name: String
        /// The effect against control.
        public var effect: Double?
        /// The effect's interval.
        public var ci: [Double?]?
        /// The effect's standard error.
        public var se: Double?
        /// The p-value.
        public var pValue: Double?
        /// The Holm-adjusted p-value, with several variants.
        public var adjustedPValue: Double?
        /// The Bayesian chance that the variant beats control.
        public var chanceToWin: Double?
        /// The expected loss of each choice.
        public var risk: Risk?
        /// Whether the effect is significant at the test's alpha.
        public var significant: Bool
        /// Why the comparison could not be made, when it could not.
        public var error: String?

        /// Creates a comparison.
        public init(
            name: String, effect: Double?, ci: [Double?]?, se: Double?, pValue: Double?, adjustedPValue: Double?,
            chanceToWin: Double?, risk: Risk?, significant: Bool, error: String?
        ) {
            self.name = name
            self.effect = effect
            self.ci = ci
            self.se = se
            self.pValue = pValue
            self.adjustedPValue = adjustedPValue
            self.chanceToWin = chanceToWin
            self.risk = risk
            self.significant = significant
            self.error = error
        }

        enum CodingKeys: String, CodingKey {
            case name, effect, ci, se, risk, significant, error
            case pValue = "p_value"
            case adjustedPValue = "adjusted_p_value"
            case chanceToWin = "chance_to_win"
        }

        /// Writes every key.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(effect, forKey: .effect)
            try container.encode(ci, forKey: .ci)
            try container.encode(se, forKey: .se)
            try container.encode(pValue, forKey: .pValue)
            try container.encode(adjustedPValue, forKey: .adjustedPValue)
            try container.encode(chanceToWin, forKey: .chanceToWin)
            try container.encode(risk, forKey: .risk)
            try container.encode(significant, forKey: .significant)
            try container.encode(error, forKey: .error)
        }
    }

    /// The expected loss of keeping control and of shipping the variant.
    public struct Risk: Sendable, Hashable, Codable {
        /// If control is kept.
        public var control: Double
        /// If the variant is shipped.
        public var variant: Double

        /// Creates risks.
        public init(control: Double, variant: Double) {
            self.control = control
            self.variant = variant
        }
    }

    /// The sample-ratio-mismatch check.
    public struct SampleRatio: Sendable, Hashable, Codable {
        /// The chi-square statistic.
        public var statistic: Double?
        /// Its p-value; below 0.001 means assignment is broken.
        public var pValue: Double?
        /// Whether the check failed.
        public var warning: Bool

        /// Creates a check result.
        public init(statistic: Double?, pValue: Double?, warning: Bool) {
            self.statistic = statistic
            self.pValue = pValue
            self.warning = warning
        }

        enum CodingKeys: String, CodingKey {
            case statistic, warning
            case pValue = "p_value"
        }

        /// Writes every key.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(statistic, forKey: .statistic)
            try container.encode(pValue, forKey: .pValue)
            try container.encode(warning, forKey: .warning)
        }
    }
}
