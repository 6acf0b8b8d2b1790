/// What an A/B test's or a bandit's controller decided on one tick: the progress to keep and
/// the actions for the gateway to carry out, in order.
package struct ExperimentStep: Sendable, Equatable {
    /// The progress to keep for the next tick.
    package var progress: ExperimentProgress
    /// What the gateway should do; empty when the experiment waits.
    package var actions: [ExperimentAction]

    /// Creates a step.
    package init(progress: ExperimentProgress, actions: [ExperimentAction] = []) {
        self.progress = progress
        self.actions = actions
    }

    /// The rules both experiment strategies share before any evidence is judged: `nil` when
    /// `hasEvidence` and it is the controller's to judge, else the whole step.
    ///
    /// - Only a ``ReleasePhase/progressing`` release is driven; a paused, aborted, promoted or
    ///   completed one is left alone.
    /// - A stored conclusion is never concluded again: it only asks for the promotion it still
    ///   owes (none for `on_conclusion: none` / `conclude.action: none`).
    /// - Without evidence, the evidence is asked for once per `interval`.
    package static func beforeJudging(
        state: ReleaseState, progress: ExperimentProgress, conclusion: ExperimentConclusion?, interval: Double, hasEvidence: Bool, now: Double
    ) -> ExperimentStep? {
        guard state.phase == .progressing else { return ExperimentStep(progress: progress) }
        if let conclusion { return ExperimentStep(progress: progress, actions: conclusion.promoteTo == nil ? [] : [.promote]) }
        if hasEvidence { return nil }
        guard progress.isLookDue(every: interval, now: now) else { return ExperimentStep(progress: progress) }
        var next = progress
        next.lastLookAt = now
        return ExperimentStep(progress: next, actions: [.readEvidence])
    }
}
