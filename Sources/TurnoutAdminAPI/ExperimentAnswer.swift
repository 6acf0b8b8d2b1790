/// The answer of `GET /api/v1/models/{model}/experiment`: an A/B test (`result`) or a bandit
/// (`strategy: "bandit"` and `arms`), with its settings and its conclusion.
///
/// One type for both, because the route and the command that reads it are one: an A/B test's
/// answer has no `strategy` and no `arms`, a bandit's no `result`.
public struct ExperimentAnswer: Sendable, Hashable, Codable {
    /// The model.
    public var model: String
    /// `bandit` for a bandit; left out for an A/B test.
    public var strategy: String?
    /// The release's lifecycle phase.
    public var phase: String
    /// When the evidence starts, in Unix seconds.
    public var startedAt: Double
    /// The release's settings in their configuration JSON form.
    public var settings: WireValue
    /// An A/B test's analysis by the statistics engine.
    public var result: ABTestResultAnswer?
    /// A bandit's arms.
    public var arms: [BanditArmAnswer]?
    /// What was concluded; `null` while the experiment runs.
    public var conclusion: ConclusionAnswer?

    /// Creates an answer.
    public init(
        model: String, strategy: String? = nil, phase: String, startedAt: Double, settings: WireValue,
        result: ABTestResultAnswer? = nil, arms: [BanditArmAnswer]? = nil, conclusion: ConclusionAnswer?
    ) {
        self.model = model
        self.strategy = strategy
        self.phase = phase
        self.startedAt = startedAt
        self.settings = settings
        self.result = result
        self.arms = arms
        self.conclusion = conclusion
    }

    /// Whether this is a bandit's answer.
    public var isBandit: Bool { strategy == "bandit" }

    enum CodingKeys: String, CodingKey {
        case model, strategy, phase, settings, result, arms, conclusion
        case startedAt = "started_at"
    }

    /// Leaves out what the other kind of experiment has, and writes a pending conclusion as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encodeIfPresent(strategy, forKey: .strategy)
        try container.encode(phase, forKey: .phase)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(settings, forKey: .settings)
        try container.encodeIfPresent(result, forKey: .result)
        try container.encodeIfPresent(arms, forKey: .arms)
        try container.encode(conclusion, forKey: .conclusion)
    }
}
