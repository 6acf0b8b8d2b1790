/// A rolling update: the instances of `from` are replaced by instances of `to` in batches, the
/// way a Kubernetes Deployment's `RollingUpdate` replaces pods, and traffic follows the ready
/// instances of both.
///
/// Both versions are `process` versions; the rollout's desired replicas are `to`'s `replicas`.
/// ``RollingController`` scales them within ``RollingBudget`` and rolls back on its own when a
/// batch misses ``progressDeadline`` or fails its ``analysis``. JSON keys are snake_case.
public struct RollingSpec: Sendable, Equatable, Codable {
    /// The version whose instances serve now; a rollback returns to it.
    public var from: String
    /// The version whose instances replace them.
    public var to: String
    /// Instances allowed above the desired replicas during the update.
    public var maxSurge: ReplicaAmount
    /// Instances allowed below the desired replicas among the available ones.
    public var maxUnavailable: ReplicaAmount
    /// Seconds a new instance must have been ready before it counts as available.
    public var minReady: Double
    /// Seconds a batch's new instances have to become available before the update rolls back.
    public var progressDeadline: Double
    /// How each batch is judged against `from`; `nil` judges readiness only.
    public var analysis: CanaryAnalysisSpec?

    /// Creates a rolling update; the defaults are Kubernetes' (25% surge, 25% unavailable,
    /// no minimum ready time, a 10-minute progress deadline).
    public init(
        from: String, to: String, maxSurge: ReplicaAmount = .percent(25), maxUnavailable: ReplicaAmount = .percent(25),
        minReady: Double = 0, progressDeadline: Double = 600, analysis: CanaryAnalysisSpec? = nil
    ) {
        self.from = from
        self.to = to
        self.maxSurge = maxSurge
        self.maxUnavailable = maxUnavailable
        self.minReady = minReady
        self.progressDeadline = progressDeadline
        self.analysis = analysis
    }

    /// The budget for a rollout to `desired` replicas.
    public func budget(desired: Int) -> RollingBudget {
        RollingBudget(desired: desired, maxSurge: maxSurge, maxUnavailable: maxUnavailable)
    }

    enum CodingKeys: String, CodingKey {
        case from, to, analysis
        case maxSurge = "max_surge"
        case maxUnavailable = "max_unavailable"
        case minReady = "min_ready"
        case progressDeadline = "progress_deadline"
    }
}
