/// What the canary controller remembers between ticks about the release's current step.
///
/// It belongs to one ``ReleaseState/revision``: whenever the revision changes (the controller's
/// own command, or a manual promote, retry, resume ...), the controller starts a fresh progress
/// from ``ReleaseState/updatedAt``. So a step's pause, its failures and its inconclusive time
/// all count from the moment the release (re-)entered the step. JSON keys are snake_case.
public struct CanaryProgress: Sendable, Equatable, Codable {
    /// The release revision this progress belongs to.
    public var revision: Int
    /// The lifecycle step this progress belongs to.
    public var step: Int
    /// When the current step began (for a promoted release: when it was promoted). The step's
    /// pause counts from here, and the analysis window should start here too.
    public var stepStartedAt: Double
    /// Failed analyses in the current step.
    public var failures: Int
    /// Since when every analysis has been inconclusive: the start of the first inconclusive
    /// analysis window; `nil` when the last analysis passed or failed.
    public var inconclusiveSince: Double?
    /// When the last analysis was decided on; `nil` before the step's first.
    public var lastAnalysisAt: Double?

    /// Creates a progress as it is.
    public init(revision: Int, step: Int, stepStartedAt: Double, failures: Int = 0, inconclusiveSince: Double? = nil, lastAnalysisAt: Double? = nil) {
        self.revision = revision
        self.step = step
        self.stepStartedAt = stepStartedAt
        self.failures = failures
        self.inconclusiveSince = inconclusiveSince
        self.lastAnalysisAt = lastAnalysisAt
    }

    /// A fresh progress for the state's current step, started when the state last changed.
    public init(starting state: ReleaseState) {
        self.init(revision: state.revision, step: state.step, stepStartedAt: state.phase == .promoted ? (state.promotedAt ?? state.updatedAt) : state.updatedAt)
    }

    enum CodingKeys: String, CodingKey {
        case revision, step, failures
        case stepStartedAt = "step_started_at"
        case inconclusiveSince = "inconclusive_since"
        case lastAnalysisAt = "last_analysis_at"
    }
}
