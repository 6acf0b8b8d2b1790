/// How a canary (or a blue-green release after its switch) is judged against the stable version.
///
/// The gateway runs the checks every ``interval`` and hands their outcomes to the controller;
/// the thresholds here are what the checks compare with. JSON keys are snake_case, as in YAML.
public struct CanaryAnalysisSpec: Sendable, Equatable {
    /// Seconds between analyses.
    public var interval: Double
    /// Requests each version needs in the analysed window before a check can pass or fail;
    /// fewer make it inconclusive.
    public var minRequests: Int
    /// The canary's error rate may never exceed this fraction, whatever the stable version does.
    public var maxErrorRate: Double
    /// How much higher (absolute fraction) the canary's error rate may be than the stable one's.
    public var errorRateIncrease: Double
    /// How much slower (fraction of the stable version's latency) the canary may be.
    public var latencyP99Increase: Double
    /// Whether rewards from `/v1/feedback` are compared too.
    public var reward: Bool
    /// Failed analyses tolerated within one step; one more aborts the release.
    public var failureLimit: Int
    /// What happens when the analysis stays inconclusive for ``stepTimeout``.
    public var inconclusive: InconclusiveAction
    /// Seconds of inconclusive analysis after which ``inconclusive`` applies.
    public var stepTimeout: Double
    /// Checks that ask another system (Prometheus, a web endpoint), judged with the built-in ones.
    public var checks: [MetricCheckSpec]

    /// What a release does when its analysis cannot decide for too long.
    public enum InconclusiveAction: String, Sendable, Equatable, Codable, CaseIterable {
        /// Pause the release for a human to resume, promote or abort.
        case pause
        /// Keep waiting for enough data.
        case wait
    }

    /// Creates analysis settings; the defaults are those of the configuration reference.
    public init(
        interval: Double = 30, minRequests: Int = 200, maxErrorRate: Double = 0.01, errorRateIncrease: Double = 0.005,
        latencyP99Increase: Double = 0.25, reward: Bool = false, failureLimit: Int = 0,
        inconclusive: InconclusiveAction = .pause, stepTimeout: Double = 1_800, checks: [MetricCheckSpec] = []
    ) {
        self.interval = interval
        self.minRequests = minRequests
        self.maxErrorRate = maxErrorRate
        self.errorRateIncrease = errorRateIncrease
        self.latencyP99Increase = latencyP99Increase
        self.reward = reward
        self.failureLimit = failureLimit
        self.inconclusive = inconclusive
        self.stepTimeout = stepTimeout
        self.checks = checks
    }

    enum CodingKeys: String, CodingKey {
        case interval, reward, inconclusive
        case minRequests = "min_requests"
        case maxErrorRate = "max_error_rate"
        case errorRateIncrease = "error_rate_increase"
        case latencyP99Increase = "latency_p99_increase"
        case failureLimit = "failure_limit"
        case stepTimeout = "step_timeout"
        case checks
    }
}
