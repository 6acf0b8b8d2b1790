import Foundation
import TurnoutCore

/// One entry of the audit log as stored: who did what to which release, and why. The
/// lifecycle produces `TurnoutCore.AuditEvent`s; ``init(_:)`` turns one into this form.
package struct StoredEvent: Sendable, Equatable {
    /// Assigned by the store when the event is appended; `nil` before.
    package var id: Int64?
    /// When it happened.
    package var time: Date
    /// The model whose release changed.
    package var model: String
    /// Who caused it: `controller`, `admin`, `config`, ...
    package var actor: String
    /// What was done: `promote`, `abort`, `step`, `apply`, ...
    package var action: String
    /// The phase (or state) before, when there was one.
    package var from: String?
    /// The phase (or state) after, when there is one.
    package var to: String?
    /// Why, in words an operator can read.
    package var reason: String?

    /// Creates an audit event.
    package init(
        id: Int64? = nil,
        time: Date,
        model: String,
        actor: String,
        action: String,
        from: String? = nil,
        to: String? = nil,
        reason: String? = nil
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
}

extension StoredEvent {
    /// The stored form of an event the release lifecycle produced.
    package init(_ event: TurnoutCore.AuditEvent) {
        self.init(
            time: Date(timeIntervalSince1970: event.time),
            model: event.model,
            actor: event.actor,
            action: event.action,
            from: event.from?.rawValue,
            to: event.to.rawValue,
            reason: event.reason
        )
    }
}
