/// What the recreate controller decided on one tick.
package struct RecreateDecision: Sendable, Equatable {
    /// The progress to keep.
    package var progress: RecreateProgress
    /// The instances of `from` to ask for; `nil` asks nothing.
    package var fromReplicas: Int?
    /// The instances of `to` to ask for; `nil` asks nothing.
    package var toReplicas: Int?
    /// The shares to route by; `nil` leaves routing to the release's phase.
    package var route: [VersionWeight]?
    /// The transition to apply through ``ReleaseLifecycle``; `nil` leaves the release as it is.
    package var command: LifecycleCommand?
    /// Why: the reason to record with the command, or what the release is waiting for.
    package var reason: String

    /// Creates a decision; by default it asks for nothing and changes nothing.
    package init(
        progress: RecreateProgress, fromReplicas: Int? = nil, toReplicas: Int? = nil, route: [VersionWeight]? = nil,
        command: LifecycleCommand? = nil, reason: String
    ) {
        self.progress = progress
        self.fromReplicas = fromReplicas
        self.toReplicas = toReplicas
        self.route = route
        self.command = command
        self.reason = reason
    }
}
