/// The answer of `GET /api/v1/models`: every model, by name.
public struct ModelsAnswer: Sendable, Hashable, Codable {
    /// The models, sorted by name.
    public var models: [ModelAnswer]
    /// The gateway replicas sharing a PostgreSQL store, leader first; absent for a gateway
    /// alone on its store.
    public var replicas: [ReplicaAnswer]?

    /// Creates an answer.
    public init(models: [ModelAnswer], replicas: [ReplicaAnswer]? = nil) {
        self.models = models
        self.replicas = replicas
    }
}
