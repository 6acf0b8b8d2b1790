import TurnoutAdminAPI
import TurnoutCore

extension EventAnswer {
    /// An audit event as the admin API shows it.
    init(_ event: AuditEvent) {
        self.init(
            id: event.id, time: event.time, model: event.model, actor: event.actor,
            action: event.action, from: event.from?.rawValue, to: event.to.rawValue, reason: event.reason
        )
    }
}
