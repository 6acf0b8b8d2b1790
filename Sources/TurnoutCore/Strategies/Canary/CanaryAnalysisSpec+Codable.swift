/// Stored releases from before metric checks have no `checks`: they decode with none, and an
/// analysis without checks encodes as it did then.
extension CanaryAnalysisSpec: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            interval: try container.decode(Double.self, forKey: .interval),
            minRequests: try container.decode(Int.self, forKey: .minRequests),
            maxErrorRate: try container.decode(Double.self, forKey: .maxErrorRate),
            errorRateIncrease: try container.decode(Double.self, forKey: .errorRateIncrease),
            latencyP99Increase: try container.decode(Double.self, forKey: .latencyP99Increase),
            reward: try container.decode(Bool.self, forKey: .reward),
            failureLimit: try container.decode(Int.self, forKey: .failureLimit),
            inconclusive: try container.decode(InconclusiveAction.self, forKey: .inconclusive),
            stepTimeout: try container.decode(Double.self, forKey: .stepTimeout),
            checks: try container.decodeIfPresent([MetricCheckSpec].self, forKey: .checks) ?? []
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(interval, forKey: .interval)
        try container.encode(minRequests, forKey: .minRequests)
        try container.encode(maxErrorRate, forKey: .maxErrorRate)
        try container.encode(errorRateIncrease, forKey: .errorRateIncrease)
        try container.encode(latencyP99Increase, forKey: .latencyP99Increase)
        try container.encode(reward, forKey: .reward)
        try container.encode(failureLimit, forKey: .failureLimit)
        try container.encode(inconclusive, forKey: .inconclusive)
        try container.encode(stepTimeout, forKey: .stepTimeout)
        if !checks.isEmpty { try container.encode(checks, forKey: .checks) }
    }
}
