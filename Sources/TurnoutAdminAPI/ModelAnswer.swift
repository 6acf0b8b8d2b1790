/// One model as `GET /api/v1/models/{model}` and every release command describe it: its
/// release, how traffic is divided now, and each version's statistics over a window.
///
/// `release`, `analysis`, `step_analyses`, `stats` and `instances` are left out (not `null`) when there is nothing
/// to show: no release yet, no canary or blue-green look yet, no store, or no `process` version.
public struct ModelAnswer: Sendable, Hashable, Codable {
    /// The model's name.
    public var name: String
    /// The wire protocol its versions speak (`v2`, `v1`, `raw`).
    public var `protocol`: String
    /// The release strategy in force (`split`, `canary`, `abtest`, ...).
    public var strategy: String
    /// The configured versions, in configuration order.
    public var versions: [String]
    /// Each version's share of traffic now, in percent.
    public var weights: [String: Double]
    /// How many seconds the statistics cover.
    public var windowSeconds: Int
    /// Where the release stands in its lifecycle.
    public var release: ReleaseAnswer?
    /// The newest look of a canary or blue-green controller.
    public var analysis: RolloutAnalysisAnswer?
    /// The last look at each step of the running release, in step order; absent before the first.
    public var stepAnalyses: [RolloutAnalysisAnswer]?
    /// Per version, its observations over the window.
    public var stats: [String: VersionStatsAnswer]?
    /// The managed instances, for a model with `process` versions.
    public var instances: InstancesAnswer?
    /// The gate holding the release, or an `after_rollback` not told yet; absent when none.
    public var gate: GateAnswer?

    /// Creates an answer.
    public init(
        name: String, protocol: String, strategy: String, versions: [String], weights: [String: Double], windowSeconds: Int,
        release: ReleaseAnswer? = nil, analysis: RolloutAnalysisAnswer? = nil, stats: [String: VersionStatsAnswer]? = nil,
        instances: InstancesAnswer? = nil, gate: GateAnswer? = nil, stepAnalyses: [RolloutAnalysisAnswer]? = nil
    ) {
        self.name = name
        self.protocol = `protocol`
        self.strategy = strategy
        self.versions = versions
        self.weights = weights
        self.windowSeconds = windowSeconds
        self.release = release
        self.analysis = analysis
        self.stepAnalyses = stepAnalyses
        self.stats = stats
        self.instances = instances
        self.gate = gate
    }

    enum CodingKeys: String, CodingKey {
        case name, `protocol`, strategy, versions, weights, release, analysis, stats, instances, gate
        case windowSeconds = "window_seconds"
        case stepAnalyses = "step_analyses"
    }
}
