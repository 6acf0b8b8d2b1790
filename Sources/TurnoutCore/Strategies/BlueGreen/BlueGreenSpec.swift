/// A blue-green release: the preview version runs beside the active one, is tested, then gets
/// every new request at once, and the active version stays ready for an instant switch back.
///
/// In the release lifecycle a blue-green release is one step: ``ReleasePhase/progressing``
/// while the preview is prepared (the active version answers), ``ReleasePhase/promoted`` once
/// switched (the post-promotion window), ``ReleasePhase/completed`` when the window passed.
public struct BlueGreenSpec: Sendable, Equatable, Codable {
    /// The version that answers until the switch (blue); rollbacks return to it.
    public var active: String
    /// The version being prepared (green), reachable before the switch by the pinned version
    /// route and the `x-turnout-preview: 1` header.
    public var preview: String
    /// Requests sent to the preview before the switch; all must answer as expected.
    public var smoke: [SmokeTest]
    /// Production traffic mirrored to the preview and compared before the switch, if wanted.
    public var prePromotion: PrePromotion?
    /// Whether the switch happens as soon as the checks pass, or waits for `turnout promote`.
    public var autoPromote: Bool
    /// How the preview is watched after the switch.
    public var postPromotion: PostPromotion
    /// Seconds after the switch during which the active version stays ready and
    /// `turnout rollback` switches back.
    public var rollbackWindow: Double

    /// The lifecycle steps of a blue-green release: one (the switch).
    public var stepCount: Int { 1 }

    /// One smoke test: a request sent to the preview and what it must answer.
    public struct SmokeTest: Sendable, Equatable, Codable {
        /// The file holding the request body, as written in the configuration (relative paths
        /// are relative to the configuration file).
        public var request: String
        /// The HTTP status the preview must answer with.
        public var expectStatus: Int
        /// A file holding the body the preview must answer with, if the body is checked.
        public var expectOutput: String?

        /// Creates a smoke test expecting status 200.
        public init(request: String, expectStatus: Int = 200, expectOutput: String? = nil) {
            self.request = request
            self.expectStatus = expectStatus
            self.expectOutput = expectOutput
        }

        enum CodingKeys: String, CodingKey {
            case request
            case expectStatus = "expect_status"
            case expectOutput = "expect_output"
        }
    }

    /// The pre-promotion analysis: a share of production traffic mirrored to the preview, its
    /// answers paired with the active version's.
    public struct PrePromotion: Sendable, Equatable {
        /// The share of requests mirrored to the preview, in percent.
        public var mirror: Double
        /// Mirrored pairs needed before the analysis can pass or fail.
        public var minPairs: Int
        /// The preview's error rate on mirrored requests may not exceed this fraction.
        public var maxErrorRate: Double
        /// The preview's p99 latency may be at most this multiple of the active version's.
        public var maxLatencyP99Ratio: Double
        /// Metric checks (Prometheus, web) that must pass too, asked with the preview as the
        /// canary and the active version as stable.
        public var checks: [MetricCheckSpec]

        /// Creates the analysis settings; the defaults are those of the configuration reference.
        public init(
            mirror: Double = 100, minPairs: Int = 200, maxErrorRate: Double = 0.01, maxLatencyP99Ratio: Double = 1.5, checks: [MetricCheckSpec] = []
        ) {
            self.mirror = mirror
            self.minPairs = minPairs
            self.maxErrorRate = maxErrorRate
            self.maxLatencyP99Ratio = maxLatencyP99Ratio
            self.checks = checks
        }

        enum CodingKeys: String, CodingKey {
            case mirror
            case minPairs = "min_pairs"
            case maxErrorRate = "max_error_rate"
            case maxLatencyP99Ratio = "max_latency_p99_ratio"
            case checks
        }
    }

    /// The watch after the switch.
    public struct PostPromotion: Sendable, Equatable, Codable {
        /// Seconds the preview is watched after the switch before the release completes.
        public var window: Double
        /// The checks run during the window, with the canary's settings.
        public var analysis: CanaryAnalysisSpec

        /// Creates the watch: one minute with the default analysis.
        public init(window: Double = 60, analysis: CanaryAnalysisSpec = CanaryAnalysisSpec()) {
            self.window = window
            self.analysis = analysis
        }
    }

    /// Creates a blue-green release; the defaults are those of the configuration reference.
    public init(
        active: String, preview: String, smoke: [SmokeTest] = [], prePromotion: PrePromotion? = nil, autoPromote: Bool = true,
        postPromotion: PostPromotion = PostPromotion(), rollbackWindow: Double = 600
    ) {
        self.active = active
        self.preview = preview
        self.smoke = smoke
        self.prePromotion = prePromotion
        self.autoPromote = autoPromote
        self.postPromotion = postPromotion
        self.rollbackWindow = rollbackWindow
    }

    enum CodingKeys: String, CodingKey {
        case active, preview, smoke
        case prePromotion = "pre_promotion"
        case autoPromote = "auto_promote"
        case postPromotion = "post_promotion"
        case rollbackWindow = "rollback_window"
    }
}
