/// What the rolling controller decided on one tick.
package struct RollingDecision: Sendable, Equatable {
    /// The progress to keep, holding the instance counts to ask for.
    package var progress: RollingProgress
    /// Whether to ask the supervisor for ``RollingProgress/fromReplicas`` and
    /// ``RollingProgress/toReplicas``; false while paused or once there is nothing left to do.
    package var scales: Bool
    /// The shares to route by, from the ready instances; `nil` leaves routing to the release's phase.
    package var route: [VersionWeight]?
    /// The transition to apply through ``ReleaseLifecycle``; `nil` leaves the release as it is.
    package var command: LifecycleCommand?
    /// Why: the reason to record with the command, or what the release is waiting for.
    package var reason: String
}
