/// What a release notification is about; `notify[].on` lists the ones a receiver wants.
///
/// The raw value is the name in configuration and in the notification's `event` field.
public enum NotificationEvent: String, Sendable, Hashable, CaseIterable, Codable {
    /// A rollout moved to its next step (or batch) and keeps going.
    case step
    /// The new version got all of the traffic: the last step's promotion, `promote --full`, or
    /// the winner of a concluded experiment.
    case promote
    /// The release was stopped and the traffic went back to the stable version.
    case abort
    /// A promoted release went back to its previous stable version.
    case rollback
    /// An experiment (A/B test, bandit) reached its conclusion.
    case conclusion
    /// An analysis judged at least one check failed.
    case checkFailed = "check_failed"
    /// A gate holds the release: its URL did not answer 200, or it waits for `turnout promote`.
    case gateWaiting = "gate_waiting"

    /// The event an audit event is, if it is one a receiver can ask for: a promotion that
    /// leaves the release progressing is a `step`, one that reaches `promoted` a `promote`.
    public init?(_ event: AuditEvent) {
        switch event.action {
        case LifecycleAction.promote.rawValue, LifecycleAction.promoteFull.rawValue:
            self = event.to == .promoted ? .promote : .step
        case LifecycleAction.abort.rawValue: self = .abort
        case LifecycleAction.rollback.rawValue: self = .rollback
        case "conclude": self = .conclusion
        default: return nil
        }
    }
}
