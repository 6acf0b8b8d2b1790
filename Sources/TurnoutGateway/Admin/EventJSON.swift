import Foundation
import TurnoutStore

/// Audit events as the admin API shows them.
enum EventJSON {
    static func object(_ event: StoredEvent) -> [String: Any] {
        [
            "id": event.id.map { $0 as Any } ?? NSNull(),
            "time": event.time.timeIntervalSince1970,
            "model": event.model,
            "actor": event.actor,
            "action": event.action,
            "from": event.from ?? NSNull(),
            "to": event.to ?? NSNull(),
            "reason": event.reason ?? NSNull(),
        ]
    }
}
