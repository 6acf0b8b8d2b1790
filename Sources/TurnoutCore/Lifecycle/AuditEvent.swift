/// One entry of the audit log: who changed which release, how and why.
///
/// The gateway persists the event together with the new ``ReleaseState`` before routing
/// changes, so the log and the state never disagree. JSON keys are snake_case.
///
/// The one event type from the lifecycle through the store to the admin API (which shows it
/// as `TurnoutAdminAPI.EventAnswer`): the store gives it its ``id`` and keeps it as it is.
public struct AuditEvent: Sendable, Equatable, Hashable, Codable {
    /// The store's id, assigned when the event is appended; `nil` before (and without a store).
    public var id: Int64?
    /// When the change happened, in seconds on the caller's clock (Unix time in the gateway).
    public var time: Double
    /// The model whose release changed.
    public var model: String
    /// Who asked: an operator's name, `"controller"`, `"api"`, ...
    public var actor: String
    /// What was done: a ``LifecycleAction`` raw value, or `"start"` for a new release.
    public var action: String
    /// The phase before the change; `nil` when a release starts.
    public var from: ReleasePhase?
    /// The phase after the change.
    public var to: ReleasePhase
    /// Why the change happened.
    public var reason: String

    /// Creates an event.
    public init(
        id: Int64? = nil, time: Double, model: String, actor: String, action: String, from: ReleasePhase?, to: ReleasePhase, reason: String
    ) {
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
}
