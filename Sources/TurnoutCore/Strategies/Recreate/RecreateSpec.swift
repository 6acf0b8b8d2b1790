/// A recreate release: every instance of `from` is stopped, then `to`'s are started, the way a
/// Kubernetes Deployment's `Recreate` strategy replaces pods.
///
/// Unlike Kubernetes, the gateway does not refuse requests during the gap: the data plane holds
/// them up to ``hold`` for `to` to become ready. Both versions are `process` versions; `to`
/// starts with its `replicas`. ``RecreateController`` measures the gap. JSON keys are snake_case.
public struct RecreateSpec: Sendable, Equatable, Codable {
    /// The version whose instances are stopped; an abort starts them again.
    public var from: String
    /// The version whose instances are started once `from` has none left.
    public var to: String
    /// Seconds a request waits during the gap for `to` before it is refused.
    public var hold: Double
    /// Seconds `to` has to become ready, counted from the start, before the release aborts.
    public var progressDeadline: Double

    /// Creates a recreate release; the defaults are those of the configuration reference.
    public init(from: String, to: String, hold: Double = 5, progressDeadline: Double = 600) {
        self.from = from
        self.to = to
        self.hold = hold
        self.progressDeadline = progressDeadline
    }

    enum CodingKeys: String, CodingKey {
        case from, to, hold
        case progressDeadline = "progress_deadline"
    }
}
