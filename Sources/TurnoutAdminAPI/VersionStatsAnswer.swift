/// One version's observations over a ``ModelAnswer``'s window. A rate, latency or mean without
/// data (or not finite) is `null`.
public struct VersionStatsAnswer: Sendable, Hashable, Codable {
    /// Requests answered.
    public var requests: Int64
    /// Of those, answered with an error.
    public var errors: Int64
    /// `errors / requests`.
    public var errorRate: Double?
    /// Median latency in milliseconds.
    public var latencyP50Ms: Double?
    /// 99th-percentile latency in milliseconds.
    public var latencyP99Ms: Double?
    /// Feedback (rewards) received.
    public var feedback: Int64
    /// The mean reward.
    public var meanReward: Double?

    /// Creates an answer; non-finite values become `nil`.
    public init(
        requests: Int64, errors: Int64, errorRate: Double?, latencyP50Ms: Double?, latencyP99Ms: Double?,
        feedback: Int64, meanReward: Double?
    ) {
        self.requests = requests
        self.errors = errors
        self.errorRate = errorRate.finite
        self.latencyP50Ms = latencyP50Ms.finite
        self.latencyP99Ms = latencyP99Ms.finite
        self.feedback = feedback
        self.meanReward = meanReward.finite
    }

    enum CodingKeys: String, CodingKey {
        case requests, errors, feedback
        case errorRate = "error_rate"
        case latencyP50Ms = "latency_p50_ms"
        case latencyP99Ms = "latency_p99_ms"
        case meanReward = "mean_reward"
    }

    /// Writes a missing statistic as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(requests, forKey: .requests)
        try container.encode(errors, forKey: .errors)
        try container.encode(errorRate, forKey: .errorRate)
        try container.encode(latencyP50Ms, forKey: .latencyP50Ms)
        try container.encode(latencyP99Ms, forKey: .latencyP99Ms)
        try container.encode(feedback, forKey: .feedback)
        try container.encode(meanReward, forKey: .meanReward)
    }
}
