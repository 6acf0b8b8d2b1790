/// The release lifecycle as a pure state machine: commands in, a new state and an audit event out.
///
/// Nothing here reads a clock or touches storage: the caller passes `now` and persists the
/// returned ``ReleaseTransition`` (state and event together) before it changes routing.
///
/// ## Transitions
///
/// Rows are the phase a release is in, columns the command; a cell names the resulting phase,
/// `-` means the command is refused with a ``LifecycleError``.
///
/// | phase \ command | promote | promote_full | abort | retry | rollback | pause | resume | complete |
/// |---|---|---|---|---|---|---|---|---|
/// | progressing | progressing (next step), promoted (past the last step) | promoted | aborted | - | - | paused | - | - |
/// | paused | progressing (next step), promoted (past the last step) | promoted | aborted | - | - | - | progressing | - |
/// | promoted | - | - | aborted | - | aborted ¹ | - | - | completed |
/// | aborted | - | - | - | progressing (step 0) | - | - | - | - |
/// | completed | - | - | - | - | aborted ¹ | - | - | - |
///
/// ¹ Only with a ``ReleaseState/previousStable`` version and within
/// ``ReleaseState/rollbackWindow`` seconds of ``ReleaseState/promotedAt``.
///
/// Every accepted command bumps ``ReleaseState/revision`` by one. `abort` and `rollback` keep
/// the step, so the record shows where the release stopped; `retry` resets it to 0;
/// promotion sets it to ``ReleaseState/stepCount``. A strategy without steps is one step, so
/// `promote` promotes it.
public enum ReleaseLifecycle {
    /// The commands each phase accepts, in the order error messages list them.
    public static let allowedActionsByPhase: [ReleasePhase: [LifecycleAction]] = [
        .progressing: [.pause, .promote, .promoteFull, .abort],
        .paused: [.resume, .promote, .promoteFull, .abort],
        .promoted: [.complete, .rollback, .abort],
        .aborted: [.retry],
        .completed: [.rollback],
    ]

    /// The commands a release in `phase` accepts.
    public static func allowedActions(in phase: ReleasePhase) -> [LifecycleAction] {
        allowedActionsByPhase[phase] ?? []
    }

    /// Starts a new release at its first step, in ``ReleasePhase/progressing``.
    ///
    /// - Parameters:
    ///   - stepCount: the number of steps; `nil` takes ``ReleaseSpec/lifecycleStepCount``.
    ///     Values below one count as one.
    ///   - replacing: the model's previous release, if any; the revision continues from it
    ///     so `If-Match` keeps working across releases.
    public static func start(
        model: String,
        spec: ReleaseSpec,
        stepCount: Int? = nil,
        previousStable: String?,
        rollbackWindow: Double? = nil,
        replacing previous: ReleaseState? = nil,
        actor: String,
        now: Double
    ) -> ReleaseTransition {
        let steps = max(1, stepCount ?? spec.lifecycleStepCount)
        let reason = "started \(spec.strategyName) release with \(steps) step\(steps == 1 ? "" : "s")"
        let state = ReleaseState(
            model: model, spec: spec, stepCount: steps, step: 0, phase: .progressing,
            revision: (previous?.revision ?? 0) + 1, updatedAt: now,
            previousStable: previousStable, rollbackWindow: rollbackWindow ?? spec.rollbackWindow, promotedAt: nil,
            reason: reason
        )
        let event = AuditEvent(
            time: now, model: model, actor: actor, action: "start",
            from: previous?.phase, to: .progressing, reason: reason
        )
        return ReleaseTransition(state: state, event: event)
    }

    /// Applies `command` to `state`, or says why it is refused.
    ///
    /// - Parameters:
    ///   - actor: who asks, recorded in the event.
    ///   - now: the current time in seconds, on the same clock as the state's times.
    ///   - reason: why, for the record; when `nil` a description of the change is used.
    ///     An `abort` always records its own reason.
    public static func apply(
        _ command: LifecycleCommand,
        to state: ReleaseState,
        actor: String,
        now: Double,
        reason: String? = nil
    ) -> Result<ReleaseTransition, LifecycleError> {
        let allowed = allowedActions(in: state.phase)
        guard allowed.contains(command.action) else {
            return .failure(.notAllowed(action: command.action, model: state.model, phase: state.phase, allowed: allowed))
        }
        if command.action == .rollback, let refusal = rollbackRefusal(for: state, now: now) {
            return .failure(refusal)
        }
        var next = state
        let description = change(&next, by: command, now: now)
        let recorded: String
        if case .abort(let own) = command { recorded = own } else { recorded = reason ?? description }
        next.revision = state.revision + 1
        next.updatedAt = now
        next.reason = recorded
        let event = AuditEvent(
            time: now, model: state.model, actor: actor, action: command.action.rawValue,
            from: state.phase, to: next.phase, reason: recorded
        )
        return .success(ReleaseTransition(state: next, event: event))
    }
}
