/// One audit-log entry as `GET /api/v1/events` shows it: who changed which release, how and why.
public struct EventAnswer: Sendable, Hashable, Codable {
    /// The store's id of the event; `null` for an event not stored.
    public var id: Int64?
    /// When it happened, in Unix seconds.
    public var time: Double
    /// The model whose release changed.
    public var model: String
    /// Who acted: `config`, `api`, `controller`, an operator's name.
    public var actor: String
    /// What was done: `start`, `promote`, `abort`, `step`, ...
    public var action: String
    /// The phase before; `null` when a release starts.
    public var from: String?
    /// The phase after.
    public var to: String?
    /// Why.
    public var reason: String?

    /// Creates an event answer.
    public init(id: Int64?, time: Double, model: String, actor: String, action: String, from: String?, to: String?, reason: String?) {
        self.id = id
        self.time = time
        self.model = model
        self.actor = actor
        self.action = action
        self.from = from
        self.to = to
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case id, time, model, actor, action, from, to, reason
    }

    /// Writes every key, `null` for what is missing, as the audit log has always been written.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(time, forKey: .time)
        try container.encode(model, forKey: .model)
        try container.encode(actor, forKey: .actor)
        try container.encode(action, forKey: .action)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(reason, forKey: .reason)
    }
}
