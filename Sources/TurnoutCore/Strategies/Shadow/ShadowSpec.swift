import TurnoutStats

/// A shadow deployment: the primary answers every request, and a sample of requests is mirrored
/// to each shadow version, whose answers are compared with the primary's and never returned.
public struct ShadowSpec: Sendable, Equatable, Codable {
    /// The version whose answers the clients get.
    public var primary: String
    /// The versions that receive mirrored copies.
    public var shadows: [String]
    /// The percentage of requests mirrored, 0...100, decided per request id.
    public var sample: Double
    /// Requests with larger bodies are not mirrored (and are counted as skipped).
    public var maxBody: Int
    /// Seconds each shadow call may take before it counts as timed out.
    public var timeout: Double
    /// Shadow calls of this model in flight at once, at most.
    public var concurrency: Int
    /// How the answers are compared and when the shadow counts as ready.
    public var compare: Compare

    /// Creates a shadow release: everything mirrored, 4 MiB bodies, 5 s, 8 calls at once.
    public init(
        primary: String, shadows: [String], sample: Double = 100, maxBody: Int = 4 << 20,
        timeout: Double = 5, concurrency: Int = 8, compare: Compare = Compare()
    ) {
        self.primary = primary
        self.shadows = shadows
        self.sample = sample
        self.maxBody = maxBody
        self.timeout = timeout
        self.concurrency = concurrency
        self.compare = compare
    }

    /// Comparison settings and the verdict's thresholds; a threshold left out is not checked.
    public struct Compare: Sendable, Equatable, Codable {
        /// The output whose labels and predictions are compared; the first suitable one if nil.
        public var output: String?
        /// The number of most recent pairs that drift and latency percentiles are computed over.
        public var window: Int
        /// When the shadow counts as ready.
        public var thresholds: ShadowThresholds

        /// Creates comparison settings with only the minimum number of pairs checked.
        public init(output: String? = nil, window: Int = 5000, thresholds: ShadowThresholds = ShadowThresholds()) {
            self.output = output
            self.window = window
            self.thresholds = thresholds
        }

        enum CodingKeys: String, CodingKey {
            case output, window
        }

        /// Decodes the settings, the thresholds' keys sitting next to `output` and `window`.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            output = try container.decodeIfPresent(String.self, forKey: .output)
            window = try container.decodeIfPresent(Int.self, forKey: .window) ?? 5000
            thresholds = try ShadowThresholds(from: decoder)
        }

        /// Encodes the settings and the thresholds in one object.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(output, forKey: .output)
            try container.encode(window, forKey: .window)
            try thresholds.encode(to: encoder)
        }
    }

    enum CodingKeys: String, CodingKey {
        case primary, shadows, sample, timeout, concurrency, compare
        case maxBody = "max_body"
    }
}
