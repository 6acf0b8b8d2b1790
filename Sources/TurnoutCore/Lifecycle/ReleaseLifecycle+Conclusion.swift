extension ReleaseLifecycle {
    /// Records an experiment's conclusion as its own transition (action `conclude`): the phase
    /// stays, the revision moves on, so a later look at older evidence cannot conclude twice.
    ///
    /// Only a ``ReleasePhase/progressing`` release concludes; `nil` otherwise. Operators cannot
    /// send it, so it is not a ``LifecycleCommand`` and not in the transition table.
    package static func conclude(_ state: ReleaseState, actor: String, now: Double, reason: String) -> ReleaseTransition? {
        record("conclude", on: state, actor: actor, now: now, reason: reason)
    }

    /// A controller's record on a ``ReleasePhase/progressing`` release that changes neither its
    /// phase nor its step: the next revision with `action` as its event; `nil` in other phases.
    static func record(_ action: String, on state: ReleaseState, actor: String, now: Double, reason: String) -> ReleaseTransition? {
        guard state.phase == .progressing else { return nil }
        var next = state
        next.revision = state.revision + 1
        next.updatedAt = now
        next.reason = reason
        let event = AuditEvent(time: now, model: state.model, actor: actor, action: action, from: state.phase, to: next.phase, reason: reason)
        return ReleaseTransition(state: next, event: event)
    }

    /// The promotion a stored conclusion still owes: `promote_full` to its winner, recorded as
    /// the promoted version. `nil` when the conclusion promotes nothing or the release no longer
    /// runs (an operator stopped or promoted it meanwhile); a refusal by the lifecycle is `.failure`.
    package static func promotion(
        owedBy conclusion: ExperimentConclusion?, to state: ReleaseState, actor: String, now: Double
    ) -> Result<ReleaseTransition, LifecycleError>? {
        guard state.phase == .progressing, let conclusion, let target = conclusion.promoteTo else { return nil }
        let reason = "\(target) takes all of the traffic: \(conclusion.summary)"
        return apply(.promoteFull, to: state, actor: actor, now: now, reason: reason).map { transition in
            var promoted = transition
            promoted.state.promotedVersion = target
            return promoted
        }
    }
}
