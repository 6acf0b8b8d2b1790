/// What the blue-green controller remembers between ticks about the release's current phase.
///
/// Like ``CanaryProgress`` it belongs to one ``ReleaseState/revision`` and starts afresh when
/// the revision changes, so resuming a paused release runs the smoke tests and the
/// pre-promotion analysis again. JSON keys are snake_case.
public struct BlueGreenProgress: Sendable, Equatable, Codable {
    /// The release revision this progress belongs to.
    public var revision: Int
    /// When the current phase began: the start (or resume) of the preparation, or the switch.
    /// The pre-promotion pairs and the post-promotion window count from here.
    public var phaseStartedAt: Double
    /// Whether the smoke tests passed; `nil` until they ran with a result.
    public var smokePassed: Bool?
    /// Whether the pre-promotion analysis passed; `nil` until it decided.
    public var prePromotionPassed: Bool?
    /// Since when the pre-promotion analysis has been inconclusive.
    public var inconclusiveSince: Double?
    /// When the last analysis (pre- or post-promotion) was decided on.
    public var lastAnalysisAt: Double?
    /// Failed post-promotion analyses since the switch.
    public var failures: Int

    /// Creates a progress as it is.
    public init(
        revision: Int, phaseStartedAt: Double, smokePassed: Bool? = nil, prePromotionPassed: Bool? = nil,
        inconclusiveSince: Double? = nil, lastAnalysisAt: Double? = nil, failures: Int = 0
    ) {
        self.revision = revision
        self.phaseStartedAt = phaseStartedAt
        self.smokePassed = smokePassed
        self.prePromotionPassed = prePromotionPassed
        self.inconclusiveSince = inconclusiveSince
        self.lastAnalysisAt = lastAnalysisAt
        self.failures = failures
    }

    /// A fresh progress for the state's phase, started when the state last changed.
    public init(starting state: ReleaseState) {
        self.init(revision: state.revision, phaseStartedAt: state.phase == .promoted ? (state.promotedAt ?? state.updatedAt) : state.updatedAt)
    }

    enum CodingKeys: String, CodingKey {
        case revision, failures
        case phaseStartedAt = "phase_started_at"
        case smokePassed = "smoke_passed"
        case prePromotionPassed = "pre_promotion_passed"
        case inconclusiveSince = "inconclusive_since"
        case lastAnalysisAt = "last_analysis_at"
    }
}
