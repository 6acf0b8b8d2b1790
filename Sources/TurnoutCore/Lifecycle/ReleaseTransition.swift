/// The outcome of an accepted command: the release's new state and the event that records it.
public struct ReleaseTransition: Sendable, Equatable {
    /// The release after the command.
    public var state: ReleaseState
    /// The audit log entry describing the change.
    public var event: AuditEvent

    /// Creates a transition.
    public init(state: ReleaseState, event: AuditEvent) {
        self.state = state
        self.event = event
    }
}
