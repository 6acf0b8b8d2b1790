extension ControllerStep where Progress == ExperimentProgress {
    /// The rules both experiment strategies (A/B test, bandit) share before any evidence is
    /// judged: `nil` when `hasEvidence` and it is the controller's to judge, else the whole step.
    ///
    /// - Only a ``ReleasePhase/progressing`` release is driven; a paused, aborted, promoted or
    ///   completed one is left alone.
    /// - A stored conclusion is never concluded again: it only asks for the promotion it still
    ///   owes (none for `on_conclusion: none` / `conclude.action: none`).
    /// - Without evidence, the evidence is asked for once per `interval`.
    package static func beforeJudging(
        state: ReleaseState, progress: ExperimentProgress, conclusion: ExperimentConclusion?, interval: Double, hasEvidence: Bool, now: Double
    ) -> Self? {
        guard state.phase == .progressing else { return Self(progress: progress) }
        if let conclusion { return Self(progress: progress, actions: conclusion.promoteTo == nil ? [] : [.promote]) }
        if hasEvidence { return nil }
        guard progress.isLookDue(every: interval, now: now) else { return Self(progress: progress) }
        var next = progress
        next.lastLookAt = now
        return Self(progress: next, actions: [.readEvidence])
    }
}
