extension ReleaseLifecycle {
    /// The command a controller sends to take the traffic back from a promoted release: a
    /// rollback when the lifecycle allows one, else an abort, which is always allowed there
    /// and also returns the traffic to the stable version.
    static func rollbackOrAbort(state: ReleaseState, now: Double, reason: String) -> LifecycleCommand {
        rollbackRefusal(for: state, now: now) == nil ? .rollback : .abort(reason: reason)
    }
}
