import Foundation
import TurnoutCore

/// One entry of the audit log as stored: who did what to which release, and why. The
/// lifecycle produces `TurnoutCore.AuditEvent`s; ``init(_:)`` turns one into this form.
public struct StoredEvent: Sendable, Equatable {
    /// Assigned by the store when the event is appended; `nil` before.
    public var id: Int64?
    /// When it happened.
    public var time: Date
    /// The model whose release changed.
    public var model: String
    /// Who caused it: `controller`, `admin`, `config`, ...
    public var actor: String
    /// What was done: `promote`, `abort`, `step`, `apply`, ...
    public var action: String
    /// The phase (or state) before, when there was one.
    public var from: String?
    /// The phase (or state) after, when there is one.
    public var to: String?
    /// Why, in words an operator can read.
    public var reason: String?

    /// Creates an audit event.
    public init(
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
    public init(_ event: TurnoutCore.AuditEvent) {
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
