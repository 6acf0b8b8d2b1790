/// A request to move a release to another phase or step.
///
/// Operators send most commands through the admin API and the CLI; controllers send
/// ``promote``, ``abort(reason:)``, ``pause`` and ``complete`` on their own.
public enum LifecycleCommand: Sendable, Equatable, Hashable {
    /// Advance to the next step, or to ``ReleasePhase/promoted`` past the last one.
    case promote
    /// Skip the remaining steps and give the new version all the traffic.
    case promoteFull
    /// Stop the release and send the traffic back to the previous stable version.
    case abort(reason: String)
    /// Restart an aborted release from its first step.
    case retry
    /// Go back to the previous stable version after promotion, within the rollback window.
    case rollback
    /// Hold the release at its current step.
    case pause
    /// Continue a paused release from the step it holds.
    case resume
    /// Finish a promoted release.
    case complete

    /// The command's kind, which the transition table is keyed by.
    public var action: LifecycleAction {
        switch self {
        case .promote: .promote
        case .promoteFull: .promoteFull
        case .abort: .abort
        case .retry: .retry
        case .rollback: .rollback
        case .pause: .pause
        case .resume: .resume
        case .complete: .complete
        }
    }
}
