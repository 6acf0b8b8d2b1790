/// The optional criteria a shadow version must meet to be called ready (`compare:` in the
/// release configuration). A nil criterion is not checked.
public struct ShadowThresholds: Sendable, Equatable, Codable {
    /// Pairs needed before a verdict can be "ready".
    public var minPairs: Int
    /// Lowest acceptable top-1 agreement.
    public var minAgreement: Double?
    /// Highest acceptable population stability index.
    public var maxPSI: Double?
    /// Highest acceptable shadow p99 latency over primary p99 latency.
    public var maxLatencyP99Ratio: Double?
    /// Highest acceptable shadow error rate.
    public var maxErrorRate: Double?

    /// Creates thresholds.
    public init(
        minPairs: Int = 1000, minAgreement: Double? = nil, maxPSI: Double? = nil,
        maxLatencyP99Ratio: Double? = nil, maxErrorRate: Double? = nil
    ) {
        self.minPairs = minPairs
        self.minAgreement = minAgreement
        self.maxPSI = maxPSI
        self.maxLatencyP99Ratio = maxLatencyP99Ratio
        self.maxErrorRate = maxErrorRate
    }

    /// The configuration's key names.
    private enum CodingKeys: String, CodingKey {
        case minPairs = "min_pairs"
        case minAgreement = "min_agreement"
        case maxPSI = "max_psi"
        case maxLatencyP99Ratio = "max_latency_p99_ratio"
        case maxErrorRate = "max_error_rate"
    }

    /// Decodes thresholds; a missing `min_pairs` is 1000 and missing criteria are not checked.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            minPairs: try container.decodeIfPresent(Int.self, forKey: .minPairs) ?? 1000,
            minAgreement: try container.decodeIfPresent(Double.self, forKey: .minAgreement),
            maxPSI: try container.decodeIfPresent(Double.self, forKey: .maxPSI),
            maxLatencyP99Ratio: try container.decodeIfPresent(Double.self, forKey: .maxLatencyP99Ratio),
            maxErrorRate: try container.decodeIfPresent(Double.self, forKey: .maxErrorRate))
    }
}
