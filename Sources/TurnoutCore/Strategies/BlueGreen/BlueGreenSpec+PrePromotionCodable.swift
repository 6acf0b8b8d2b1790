/// Stored releases from before metric checks have no `checks` in `pre_promotion`: they decode
/// with none, and a pre-promotion analysis without checks encodes as it did then.
extension BlueGreenSpec.PrePromotion: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            mirror: try container.decode(Double.self, forKey: .mirror),
            minPairs: try container.decode(Int.self, forKey: .minPairs),
            maxErrorRate: try container.decode(Double.self, forKey: .maxErrorRate),
            maxLatencyP99Ratio: try container.decode(Double.self, forKey: .maxLatencyP99Ratio),
            checks: try container.decodeIfPresent([MetricCheckSpec].self, forKey: .checks) ?? []
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mirror, forKey: .mirror)
        try container.encode(minPairs, forKey: .minPairs)
        try container.encode(maxErrorRate, forKey: .maxErrorRate)
        try container.encode(maxLatencyP99Ratio, forKey: .maxLatencyP99Ratio)
        if !checks.isEmpty { try container.encode(checks, forKey: .checks) }
    }
}
