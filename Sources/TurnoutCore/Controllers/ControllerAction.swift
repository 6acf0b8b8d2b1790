/// One thing a strategy's controller asks the gateway to do on a tick, for every strategy
/// alike: an observation to gather, a change to the release, or bookkeeping.
///
/// The gateway carries them out in order, and changes a release only through
/// ``ReleaseLifecycle``: nothing here moves a release by itself. An action that asks for an
/// observation comes alone (with the other observations of the same tick); the gateway gathers
/// them and steps the controller again, at the same `now`, with what it found.
package enum ControllerAction: Sendable, Equatable {
    // MARK: Observations

    /// A/B test, bandit: read the evidence gathered since the release started. The look is
    /// already recorded in the progress, so a read that fails waits for the next interval rather
    /// than hammering the store on every tick.
    case readEvidence
    /// Canary, blue-green: compare the candidate with the baseline on the traffic since `since`;
    /// with `baselineBefore` (the switch time, once the candidate has all of the traffic) the
    /// baseline is the old version's traffic before it.
    case compareVersions(since: Double, baselineBefore: Double?)
    /// Blue-green: run the smoke tests against the preview (off the tick; the outcome of a run
    /// that is over, if any).
    case runSmoke
    /// Blue-green: judge the preview on the production requests mirrored to it.
    case judgeMirroredTraffic

    // MARK: Changes to the release

    /// Apply `command` through ``ReleaseLifecycle/apply(_:to:actor:now:reason:)`` as the
    /// controller, unless the release changed meanwhile.
    case apply(LifecycleCommand, reason: String)
    /// Record the conclusion with ``ReleaseLifecycle/conclude(_:actor:now:reason:)`` (its own
    /// audit event, `conclude`), store it with the release, then carry out ``promote``.
    case conclude(ExperimentConclusion)
    /// Apply ``ReleaseLifecycle/promotion(owedBy:to:actor:now:)`` for the stored conclusion:
    /// its version takes all of the traffic (`promote_full`). Asked again on every tick until it
    /// succeeds, so a promotion that failed after the conclusion was stored is retried.
    case promote
    /// Route by these shares: the bandit's arms (recomputed from the evidence), or a rolling
    /// update's versions in proportion to their ready instances. The gateway keeps them in
    /// memory and stores nothing.
    case route([VersionWeight])
    /// Rolling, recreate: run `replicas` instances of the `process` version `version`; the
    /// gateway's supervisor starts or drains instances to match. Sent on every step that
    /// scales, so it is idempotent: asking again for the count already running changes nothing.
    case scale(version: String, replicas: Int)

    // MARK: Bookkeeping

    /// Store the step's progress, so a restart keeps the controller's timers and failure count.
    case saveProgress
    /// Keep the checks this step judged, with the decision in words, for the admin API.
    case recordAnalysis(decision: String)
    /// Something an operator should hear about in the log; the release is not changed.
    case warn(String)
}

extension ControllerAction {
    /// The actions that carry out a canary's or blue-green release's decision, in order: save
    /// the progress when it changed, record the analysis when checks ran, apply the command.
    static func afterDecision(progressChanged: Bool, analysed: Bool, command: LifecycleCommand?, reason: String) -> [ControllerAction] {
        var actions: [ControllerAction] = []
        if progressChanged { actions.append(.saveProgress) }
        if analysed { actions.append(.recordAnalysis(decision: reason)) }
        if let command { actions.append(.apply(command, reason: reason)) }
        return actions
    }
}
