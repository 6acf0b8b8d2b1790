/// One thing an A/B test's or a bandit's controller asks the gateway to do on a tick.
///
/// The gateway carries them out in order, and changes a release only through
/// ``ReleaseLifecycle``: nothing here moves a release by itself.
package enum ExperimentAction: Sendable, Equatable {
    /// Read the evidence gathered since the release started and step the controller again with
    /// it, at the same `now`. The look is already recorded: a read that fails waits for the
    /// next interval rather than hammering the store on every tick.
    case readEvidence
    /// Route the bandit's arms by these shares. They are recomputed from the evidence, so the
    /// gateway keeps them in memory and stores nothing.
    case route([VersionWeight])
    /// Record the conclusion with ``ReleaseLifecycle/conclude(_:actor:now:reason:)`` (its own
    /// audit event, `conclude`), store it with the release, then carry out ``promote``.
    case conclude(ExperimentConclusion)
    /// Apply ``ReleaseLifecycle/promotion(owedBy:to:actor:now:)`` for the stored conclusion:
    /// its version takes all of the traffic (`promote_full`). Asked again on every tick until it
    /// succeeds, so a promotion that failed after the conclusion was stored is retried.
    case promote
    /// Something an operator should hear about in the log; the release is not changed.
    case warn(String)
}
