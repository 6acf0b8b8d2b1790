/// Where a gate stands in a release; the raw value is its key under `gates`.
public enum GatePoint: String, Sendable, Hashable, CaseIterable, Codable {
    /// Before a new release takes any traffic: it routes as its stable version until 200.
    case beforeStart = "before_start"
    /// Before each step the controller advances to, except the last promotion.
    case beforeStep = "before_step"
    /// Before the controller gives the new version all of the traffic.
    case beforePromotion = "before_promotion"
    /// After every abort and rollback: told until it answers 200.
    case afterRollback = "after_rollback"
    /// The manual gate: the controller never promotes by itself; `turnout promote` does.
    case confirm
}
