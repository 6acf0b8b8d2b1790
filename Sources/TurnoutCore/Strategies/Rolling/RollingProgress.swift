/// What the rolling controller remembers between ticks: the instance counts it asked for, the
/// current batch and its analysis. JSON keys are snake_case.
///
/// Unlike ``CanaryProgress`` it outlives a change of revision: pausing, resuming, promoting or
/// aborting keeps the counts (the instances keep running); only the batch's clock and analysis
/// restart (``RollingController/progress(_:for:replicas:instances:)``).
public struct RollingProgress: Sendable, Equatable, Codable {
    /// The release revision this progress was last brought up to date with.
    public var revision: Int
    /// `from`'s instances when the release started; a rollback scales it back to this many.
    public var originalFrom: Int
    /// The instances of `from` the controller asks for now.
    public var fromReplicas: Int
    /// The instances of `to` the controller asks for now.
    public var toReplicas: Int
    /// How many times `to` was scaled up; 0 before the first batch.
    public var batch: Int
    /// When the current batch began (or the release's revision last changed): its progress
    /// deadline and its analysis window count from here.
    public var batchStartedAt: Double
    /// Whether the current batch's analysis passed (always, without analysis), which lets the
    /// next batch start and the release complete.
    public var batchPassed: Bool
    /// Failed analyses in the current batch.
    public var failures: Int
    /// Since when every analysis of the batch has been inconclusive.
    public var inconclusiveSince: Double?
    /// When the last analysis was decided on; `nil` before the batch's first.
    public var lastAnalysisAt: Double?

    /// Creates a progress as it is.
    public init(
        revision: Int, originalFrom: Int, fromReplicas: Int, toReplicas: Int, batch: Int = 0, batchStartedAt: Double, batchPassed: Bool = true,
        failures: Int = 0, inconclusiveSince: Double? = nil, lastAnalysisAt: Double? = nil
    ) {
        self.revision = revision
        self.originalFrom = originalFrom
        self.fromReplicas = fromReplicas
        self.toReplicas = toReplicas
        self.batch = batch
        self.batchStartedAt = batchStartedAt
        self.batchPassed = batchPassed
        self.failures = failures
        self.inconclusiveSince = inconclusiveSince
        self.lastAnalysisAt = lastAnalysisAt
    }

    enum CodingKeys: String, CodingKey {
        case revision, batch, failures
        case originalFrom = "original_from"
        case fromReplicas = "from_replicas"
        case toReplicas = "to_replicas"
        case batchStartedAt = "batch_started_at"
        case batchPassed = "batch_passed"
        case inconclusiveSince = "inconclusive_since"
        case lastAnalysisAt = "last_analysis_at"
    }
}
