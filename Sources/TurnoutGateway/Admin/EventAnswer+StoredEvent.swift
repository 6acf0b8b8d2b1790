import TurnoutAdminAPI
import TurnoutStore

extension EventAnswer {
    /// A stored audit event as the admin API shows it.
    init(_ event: StoredEvent) {
        self.init(
            id: event.id, time: event.time.timeIntervalSince1970, model: event.model, actor: event.actor,
            action: event.action, from: event.from, to: event.to, reason: event.reason
        )
    }
}
