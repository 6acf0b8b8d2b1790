/// What the blue-green controller decided on one tick.
public struct BlueGreenDecision: Sendable, Equatable {
    /// The progress to keep for the next tick.
    public var progress: BlueGreenProgress
    /// The transition to apply through ``ReleaseLifecycle/apply(_:to:actor:now:reason:)`` and
    /// persist before routing changes; `nil` leaves the release as it is.
    public var command: LifecycleCommand?
    /// Why: the reason to record with the command, or what the release is waiting for.
    public var reason: String

    /// Creates a decision.
    public init(progress: BlueGreenProgress, command: LifecycleCommand?, reason: String) {
        self.progress = progress
        self.command = command
        self.reason = reason
    }
}
