/// What the canary controller decided on one tick.
public struct CanaryDecision: Sendable, Equatable {
    /// The progress to keep for the next tick (in memory or in the store).
    public var progress: CanaryProgress
    /// The transition to apply through ``ReleaseLifecycle/apply(_:to:actor:now:reason:)`` and
    /// persist before routing changes; `nil` leaves the release as it is.
    public var command: LifecycleCommand?
    /// Why: the reason to record with the command, or what the release is waiting for.
    public var reason: String

    /// Creates a decision.
    public init(progress: CanaryProgress, command: LifecycleCommand?, reason: String) {
        self.progress = progress
        self.command = command
        self.reason = reason
    }
}
