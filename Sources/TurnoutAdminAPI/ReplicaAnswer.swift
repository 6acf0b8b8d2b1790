/// One gateway replica sharing the store, in `GET /api/v1/models`.
public struct ReplicaAnswer: Sendable, Hashable, Codable {
    public var id: String
    /// Host, process id and the id's start.
    public var name: String
    /// Whether this is the replica that answered.
    public var isSelf: Bool
    /// Seconds since 1970.
    public var startedAt: Double
    /// When it last said it was alive, seconds since 1970.
    public var heartbeatAt: Double
    /// Since when it runs the release controllers; absent when it does not lead.
    public var leaderSince: Double?

    public init(id: String, name: String, isSelf: Bool, startedAt: Double, heartbeatAt: Double, leaderSince: Double?) {
        self.id = id
        self.name = name
        self.isSelf = isSelf
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.leaderSince = leaderSince
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case isSelf = "self"
        case startedAt = "started_at"
        case heartbeatAt = "heartbeat_at"
        case leaderSince = "leader_since"
    }
}
