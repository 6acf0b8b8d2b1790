/// The managed instances of a model with `process` versions, inside a ``ModelAnswer``, and what
/// the data plane did while a version had none ready.
public struct InstancesAnswer: Sendable, Hashable, Codable {
    /// Every instance the gateway runs for the model, by version then number.
    public var instances: [InstanceAnswer]
    /// Requests that waited for a version with no ready instance (a recreate's gap).
    public var heldRequests: Int
    /// Held requests answered 503 because no instance became ready within the hold.
    public var refusedRequests: Int
    /// A recreate's measured gap, from stopping the first old instance to the first new one
    /// being ready, in seconds, once it is over.
    public var gapSeconds: Double?

    /// Creates an answer.
    public init(instances: [InstanceAnswer], heldRequests: Int = 0, refusedRequests: Int = 0, gapSeconds: Double? = nil) {
        self.instances = instances
        self.heldRequests = heldRequests
        self.refusedRequests = refusedRequests
        self.gapSeconds = gapSeconds
    }

    /// How many instances of `version` are in each state, for a one-line summary.
    public func counts(of version: String) -> [String: Int] {
        instances.filter { $0.version == version }.reduce(into: [:]) { $0[$1.state, default: 0] += 1 }
    }

    enum CodingKeys: String, CodingKey {
        case instances
        case heldRequests = "held_requests"
        case refusedRequests = "refused_requests"
        case gapSeconds = "gap_seconds"
    }
}
