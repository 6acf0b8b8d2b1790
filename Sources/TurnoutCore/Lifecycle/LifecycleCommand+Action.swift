extension LifecycleCommand {
    /// Builds the command an admin route or CLI verb names, such as `POST .../abort`.
    ///
    /// `reason` is used only by ``LifecycleAction/abort``, which always records one; when it is
    /// `nil` the abort is recorded as manual.
    public init(_ action: LifecycleAction, reason: String? = nil) {
        switch action {
        case .promote: self = .promote
        case .promoteFull: self = .promoteFull
        case .abort: self = .abort(reason: reason ?? "aborted manually")
        case .retry: self = .retry
        case .rollback: self = .rollback
        case .pause: self = .pause
        case .resume: self = .resume
        case .complete: self = .complete
        }
    }
}
