/// The kind of a ``LifecycleCommand``, without its payload.
///
/// The raw value is the command's name in messages, the audit log and JSON.
public enum LifecycleAction: String, Sendable, Codable, CaseIterable, Hashable {
    /// Advance to the next step, or to ``ReleasePhase/promoted`` past the last one.
    case promote
    /// Skip the remaining steps and give the new version all the traffic.
    case promoteFull = "promote_full"
    /// Stop the release and send the traffic back to the previous stable version.
    case abort
    /// Restart an aborted release from its first step.
    case retry
    /// Go back to the previous stable version after promotion, within the rollback window.
    case rollback
    /// Hold the release at its current step.
    case pause
    /// Continue a paused release from the step it holds.
    case resume
    /// Finish a promoted release; driven by the controller once its post-promotion checks pass.
    case complete
}
