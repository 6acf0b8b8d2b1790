/// The answer of `GET /api/v1/models/{model}/shadow`: the release's primary, sample and
/// thresholds, and per shadow how its answers compare with the primary's.
public struct ShadowAnswer: Sendable, Hashable, Codable {
    /// The model.
    public var model: String
    /// The version that answers.
    public var primary: String
    /// The percent of requests mirrored.
    public var sample: Double
    /// The compare thresholds the verdicts are judged against.
    public var thresholds: Thresholds
    /// Each shadow, in configuration order.
    public var shadows: [ShadowVersionAnswer]

    /// Creates an answer.
    public init(model: String, primary: String, sample: Double, thresholds: Thresholds, shadows: [ShadowVersionAnswer]) {
        self.model = model
        self.primary = primary
        self.sample = sample
        self.thresholds = thresholds
        self.shadows = shadows
    }

    /// The release's compare thresholds; one that is not set is left out.
    public struct Thresholds: Sendable, Hashable, Codable {
        /// Pairs needed before a verdict.
        public var minPairs: Int
        /// The lowest top-1 agreement that is ready.
        public var minAgreement: Double?
        /// The largest population stability index that is ready.
        public var maxPSI: Double?
        /// The largest shadow/primary p99 latency ratio that is ready.
        public var maxLatencyP99Ratio: Double?
        /// The largest shadow error rate that is ready.
        public var maxErrorRate: Double?

        /// Creates thresholds; non-finite values are left out.
        public init(minPairs: Int, minAgreement: Double?, maxPSI: Double?, maxLatencyP99Ratio: Double?, maxErrorRate: Double?) {
            self.minPairs = minPairs
            self.minAgreement = minAgreement.finite
            self.maxPSI = maxPSI.finite
            self.maxLatencyP99Ratio = maxLatencyP99Ratio.finite
            self.maxErrorRate = maxErrorRate.finite
        }

        enum CodingKeys: String, CodingKey {
            case minPairs = "min_pairs"
            case minAgreement = "min_agreement"
            case maxPSI = "max_psi"
            case maxLatencyP99Ratio = "max_latency_p99_ratio"
            case maxErrorRate = "max_error_rate"
        }
    }
}
